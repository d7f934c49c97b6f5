//! Generators and coroutines: the objects and their `send`/`throw`/`close` methods.

use super::{GenObj, Kind};
use crate::interp::{gen_resume, GenStep};
use crate::qstr::Qstr;
use crate::types::{TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A new generator for `func` whose bound locals are `stack[base .. base + n_locals]`.
pub fn new_generator(vm: &mut Vm, func: Value, code: Value, globals: Value, base: usize, n_locals: usize) -> PyResult<Value> {
    let c = vm.code(code);
    let max_stack = c.max_stack as usize;
    let coro = upy_bytecode::CodeFlags(c.h.aux).has(upy_bytecode::CodeFlags::COROUTINE);
    let arr = vm.alloc_vals(n_locals + max_stack + 2)?;
    let locals: alloc::vec::Vec<Value> = vm.stack[base..base + n_locals].to_vec();
    vm.heap.vals_mut(arr)[..n_locals].copy_from_slice(&locals);
    let off = vm.alloc(Kind::Generator, core::mem::size_of::<GenObj>())?;
    let g = vm.heap.get_mut::<GenObj>(off);
    g.h.aux = coro as u16;
    g.h.flags = super::GEN_CREATED;
    g.func = func;
    g.code = code;
    g.globals = globals;
    g.frame = arr;
    g.sp = n_locals as u32;
    g.ip = 0;
    Ok(Value::obj(off))
}

fn check(vm: &mut Vm, g: Value) -> PyResult<()> {
    if g.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Generator) {
        Ok(())
    } else {
        Err(vm.raise(TypeId::TypeError, "expected a generator"))
    }
}

fn step_result(vm: &mut Vm, r: PyResult<GenStep>) -> PyResult<Value> {
    match r? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(if v.is_none() { vm.raise_empty(TypeId::StopIteration) } else { vm.raise_with(TypeId::StopIteration, v) }),
    }
}

fn gen_send(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    check(vm, args[0])?;
    let r = gen_resume(vm, args[0], args[1], None);
    step_result(vm, r)
}

fn gen_next_m(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    check(vm, args[0])?;
    let r = gen_resume(vm, args[0], Value::NONE, None);
    step_result(vm, r)
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    check(vm, args[0])?;
    let mut e = args[1];
    if crate::runtime::is_type(vm, e) {
        let extra: alloc::vec::Vec<Value> = args.get(2).filter(|v| !v.is_none()).copied().into_iter().collect();
        e = crate::call::call(vm, e, &extra, &[])?;
    }
    if !vm.is_exception(e) {
        return Err(vm.raise(TypeId::TypeError, "exceptions must derive from BaseException"));
    }
    vm.root(e);
    let r = gen_resume(vm, args[0], Value::NONE, Some(e));
    step_result(vm, r)
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    check(vm, args[0])?;
    let off = args[0].as_obj().unwrap_or(0);
    let state = vm.heap.get::<GenObj>(off).h.flags;
    if state == super::GEN_CREATED || state == super::GEN_DONE {
        vm.heap.get_mut::<GenObj>(off).h.flags = super::GEN_DONE;
        return Ok(Value::NONE);
    }
    let e = super::exc::new_exception(vm, TypeId::GeneratorExit.value(), &[])?;
    match gen_resume(vm, args[0], Value::NONE, Some(e)) {
        Ok(GenStep::Yield(_)) => Err(vm.raise(TypeId::RuntimeError, "generator ignored GeneratorExit")),
        Ok(GenStep::Return(_)) => Ok(Value::NONE),
        Err(x) => {
            if vm.exc_matches(vm.exc, TypeId::GeneratorExit) || vm.exc_matches(vm.exc, TypeId::StopIteration) {
                vm.exc = Value::NULL;
                Ok(Value::NONE)
            } else {
                Err(x)
            }
        }
    }
}

fn gen_iter(_vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(args[0])
}

/// `generator`.
pub static GENERATOR_TYPE: TypeDef = TypeDef {
    name: "generator",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("send"), gen_send, 2, 2),
        fun!(q!("throw"), gen_throw, 2, 4),
        fun!(q!("close"), gen_close, 1, 1),
        fun!(q!("__next__"), gen_next_m, 1, 1),
        fun!(q!("__iter__"), gen_iter, 1, 1),
    ],
    new: None,
    subclassable: false,
};

/// `coroutine`.
pub static COROUTINE_TYPE: TypeDef = TypeDef {
    name: "coroutine",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("send"), gen_send, 2, 2),
        fun!(q!("throw"), gen_throw, 2, 4),
        fun!(q!("close"), gen_close, 1, 1),
        fun!(q!("__await__"), gen_iter, 1, 1),
    ],
    new: None,
    subclassable: false,
};
