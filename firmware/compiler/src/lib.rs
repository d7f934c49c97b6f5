//! Python source → upy bytecode (being written).
#![no_std]
extern crate alloc;
