//! upy compiler: Python 3 source text → `upy_bytecode::CodeObject`.
//!
//! Pipeline: `lexer` (tokens with INDENT/DEDENT) → `parser` (a compact, index-based AST in
//! `ast`) → `symtable` (CPython's scope rules: local, global, free, cell) → `codegen` (one
//! emit pass into labelled instructions, then assembly with dead-code removal, jump
//! threading, exact stack depth, exception and line tables).
//!
//! It runs on microcontrollers as well as on the host, so it is `no_std + alloc`, depends on
//! nothing but `upy-bytecode`, and never panics or recurses without bound on any input:
//! every problem, including inputs too deep or too large for the bytecode format, is a
//! `CompileError` (SyntaxError or IndentationError) with a line and column.
#![no_std]
extern crate alloc;

pub mod error;
pub mod lexer;
pub mod token;

pub use error::{CompileError, ErrorKind};
pub mod ast;
pub mod fstring;
pub mod literal;
pub mod parser;
pub mod symtable;
