//! upy bytecode: the single opcode table (`op.rs`), the code object that the compiler
//! produces and the VM loads (`code.rs`), a validator and a disassembler.
//!
//! This crate is the contract between `upy-compiler` and `upy-vm`. It is `no_std + alloc`
//! and must not depend on std, on the compiler or on the VM.
#![no_std]
extern crate alloc;

pub mod code;
pub mod dis;
pub mod op;
pub mod validate;

pub use code::{CodeFlags, CodeObject, Const, ExcEntry};
pub use op::{BinOp, CmpOp, Op, Operand, UnOp};
