//! Names for the REPL's tab completion (`MICROPY_HELPER_REPL`'s lookups).
//!
//! [`names`] returns the candidate names for the last word of a dotted chain typed at the
//! prompt: the globals of `__main__` plus the builtins for a bare word, or the attributes
//! (as `dir()` lists them) of the object the chain before the last dot names. The device
//! agent filters them by prefix, extends the common prefix or prints the columns.

use alloc::string::String;
use alloc::vec::Vec;

use crate::runtime;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Candidate names after `chain` (the complete words before the last dot; empty for a bare
/// word), sorted and without duplicates. Attribute lookups may run Python code (properties);
/// any exception is swallowed and yields no names, as MicroPython's protected lookups do.
///
/// Call it only between executions (no Python frame is active): it releases the temporary
/// roots when it returns.
pub fn names(vm: &mut Vm, chain: &[&str]) -> Vec<String> {
    let r = names_inner(vm, chain);
    vm.clear_temps();
    match r {
        Ok(mut v) => {
            v.sort();
            v.dedup();
            v
        }
        Err(_) => {
            vm.exc = Value::NULL;
            Vec::new()
        }
    }
}

fn keys_of(vm: &Vm, dict: Value, out: &mut Vec<String>) {
    for (k, _) in vm.dict_items(dict) {
        if let Some(s) = vm.str_of(k) {
            out.push(String::from(s));
        }
    }
}

fn names_inner(vm: &mut Vm, chain: &[&str]) -> PyResult<Vec<String>> {
    let g = vm.main_globals()?;
    vm.root(g);
    let mut out = Vec::new();
    let Some((first, rest)) = chain.split_first() else {
        keys_of(vm, g, &mut out);
        let b = vm.builtins;
        keys_of(vm, b, &mut out);
        return Ok(out);
    };
    // Only names that already exist can resolve: never intern what the user typed.
    let Some(q) = vm.qstrs.find(first) else { return Ok(out) };
    let b = vm.builtins;
    let mut obj = match vm.dict_get_str(g, q).or_else(|| vm.dict_get_str(b, q)) {
        Some(v) => v,
        None => return Ok(out),
    };
    vm.root(obj);
    for part in rest {
        let Some(q) = vm.qstrs.find(part) else { return Ok(out) };
        match runtime::getattr_opt(vm, obj, q)? {
            Some(v) => obj = vm.root(v),
            None => return Ok(out),
        }
    }
    let Some(dir) = vm.dict_get_str(b, q!("dir")) else { return Ok(out) };
    let list = crate::call::call(vm, dir, &[obj], &[])?;
    vm.root(list);
    if let Some(items) = vm.list_items(list) {
        for &k in items {
            if let Some(s) = vm.str_of(k) {
                out.push(String::from(s));
            }
        }
    }
    Ok(out)
}
