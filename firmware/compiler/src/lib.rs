//! upy compiler: Python 3 source text → `upy_bytecode::CodeObject`.
//!
//! Pipeline: `lexer` (tokens with INDENT/DEDENT) → `parser` (a compact, index-based AST in
//! `ast`; f-strings in `fstring`, literal decoding in `literal`) → `symtable` (CPython's
//! scope rules: local, global, free, cell) → `codegen` (one emit pass into labelled
//! instructions, then assembly with dead-code removal, jump threading, exact stack depth,
//! exception and line tables).
//!
//! It runs on microcontrollers as well as on the host, so it is `no_std + alloc`, depends on
//! nothing but `upy-bytecode`, and never panics or recurses without bound on any input:
//! every problem, including inputs too deep or too large for the bytecode format, is a
//! `CompileError` (SyntaxError or IndentationError) with a line and column.
#![no_std]
extern crate alloc;

pub mod ast;
mod codegen;
pub mod error;
mod fstring;
pub mod lexer;
pub mod literal;
pub mod parser;
pub mod stack;
pub mod symtable;
pub mod token;

pub use error::{CompileError, ErrorKind};

use upy_bytecode::CodeObject;

/// What kind of source is compiled.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module / file (`exec`).
    Exec,
    /// A single expression (`eval`): the code returns its value.
    Eval,
    /// REPL input: like `Exec`, but expression statements print their value (`PrintExpr`).
    Single,
}

/// Compile `source` into a module-level code object.
///
/// The compiler's recursion is limited to `stack::DEFAULT_STACK_BUDGET` bytes of machine
/// stack (24 KiB on bare-metal targets, 1 MiB on hosts); deeper input is a SyntaxError.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<CodeObject, CompileError> {
    compile_with_stack_budget(source, filename, mode, stack::DEFAULT_STACK_BUDGET)
}

/// `compile` with an explicit budget (bytes) of machine stack that the compiler may use
/// below the caller's frame. Ports with small stacks pass what they can spare.
pub fn compile_with_stack_budget(
    source: &str,
    filename: &str,
    mode: Mode,
    stack_budget: usize,
) -> Result<CodeObject, CompileError> {
    let guard = stack::StackGuard::here(stack_budget);
    match mode {
        Mode::Eval => codegen::compile_eval(source, filename, guard),
        Mode::Exec | Mode::Single => codegen::compile_module(source, filename, mode, guard),
    }
}
