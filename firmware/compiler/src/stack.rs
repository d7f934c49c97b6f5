//! A stack-depth guard: the compiler's recursive passes measure how much machine stack they
//! use (the distance between the address of a local at entry and one in the current frame)
//! and stop with a SyntaxError when a budget is exceeded. This bounds real stack use
//! whatever the frame sizes of the build, which nesting limits alone cannot do.

use crate::error::{CResult, CompileError};

/// Default budget: small on bare-metal targets (their stacks are a few tens of KiB), ample
/// on hosts (threads get at least 2 MiB).
pub const DEFAULT_STACK_BUDGET: usize = if cfg!(target_os = "none") { 24 * 1024 } else { 1024 * 1024 };

/// Stack position of the caller, as an address.
#[inline(always)]
pub fn stack_pos() -> usize {
    let marker = 0u8;
    core::hint::black_box(&marker) as *const u8 as usize
}

/// Where the compiler started and how much stack it may use.
#[derive(Copy, Clone, Debug)]
pub struct StackGuard {
    base: usize,
    budget: usize,
}

impl StackGuard {
    /// A guard whose base is the caller's frame.
    #[inline(always)]
    pub fn here(budget: usize) -> Self {
        StackGuard { base: stack_pos(), budget }
    }

    /// Error if more than the budget is in use.
    #[inline(always)]
    pub fn check(&self, line: u32, col: u32) -> CResult<()> {
        if self.base.abs_diff(stack_pos()) > self.budget {
            return Err(too_deep(line, col));
        }
        Ok(())
    }
}

#[cold]
#[inline(never)]
fn too_deep(line: u32, col: u32) -> CompileError {
    CompileError::syntax("too many nested blocks or expressions", line, col)
}
