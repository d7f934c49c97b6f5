//! `micropython.const`: module-level `NAME = const(value)` folds NAME into every load in
//! the module, `_NAME` is not stored at all, and integer arithmetic on constants folds.
mod common;

use upy_bytecode::{Const, Op};

fn consts_of(code: &upy_bytecode::CodeObject) -> Vec<Const> {
    code.consts.clone()
}

fn func<'a>(code: &'a upy_bytecode::CodeObject, name: &str) -> &'a upy_bytecode::CodeObject {
    code.consts
        .iter()
        .find_map(|c| match c {
            Const::Code(c) if c.name == name => Some(&**c),
            _ => None,
        })
        .expect("function code object")
}

#[test]
fn private_const_is_not_stored_and_folds_into_functions() {
    let code = common::ok("from micropython import const\n_A = const(6000)\nB = const(_A * 7 + 1)\ndef f():\n    return _A + B\n");
    // `_A` is never stored; `B` is stored with the folded value 42001.
    assert!(!code.names.iter().any(|n| n == "_A"), "names: {:?}", code.names);
    assert!(code.names.iter().any(|n| n == "B"));
    assert!(consts_of(&code).contains(&Const::Int(42001)));
    // Inside f, `_A + B` is the constant 48001: no global loads at all.
    let f = func(&code, "f");
    assert!(f.consts.contains(&Const::Int(48001)), "f consts: {:?}", f.consts);
    assert!(!f.code.contains(&(Op::LoadGlobal as u8)), "f still loads a global:\n{}", common::dis("from micropython import const\n_A = const(6000)\nB = const(_A * 7 + 1)\ndef f():\n    return _A + B\n"));
}

#[test]
fn a_local_of_the_same_name_is_not_replaced() {
    let code = common::ok("_A = const(1)\ndef g(_A):\n    return _A\n");
    let g = func(&code, "g");
    assert!(g.code.contains(&(Op::LoadFast as u8)));
    assert!(!g.consts.contains(&Const::Int(1)));
}

#[test]
fn non_constant_arguments_are_ordinary_calls() {
    let code = common::ok("import micropython\nx = 3\nY = micropython.const(x)\n");
    assert!(code.names.iter().any(|n| n == "Y"));
    assert!(code.code.contains(&(Op::CallMethod as u8)) || code.code.contains(&(Op::Call as u8)));
}
