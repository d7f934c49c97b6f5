//! The GC heap: one fixed arena handed over by the port.
//!
//! Layout (as MicroPython's `py/gc.c`): an allocation table (ATB) with 2 bits per
//! 16-byte block (`FREE`, `HEAD`, `TAIL`, `MARK`), then the pool of blocks. An allocation
//! is a HEAD block followed by TAIL blocks; every allocation starts with an object header
//! (see `obj::Header`), so the collector can trace any block it finds marked.
//!
//! Collection is precise, non-moving mark-sweep. Roots are given explicitly by the VM
//! (value stack, frames, globals, temporary roots of native code); the Rust stack is
//! never scanned. The mark stack has a fixed size; on overflow the heap is rescanned for
//! marked blocks whose children may not have been traced (`gc_deal_with_stack_overflow`).

use alloc::boxed::Box;
use alloc::vec;

use crate::value::Value;

/// Bytes per block.
pub const BLOCK: usize = 16;
const FREE: u8 = 0;
const HEAD: u8 = 1;
const TAIL: u8 = 2;
const MARK: u8 = 3;
const MARK_STACK: usize = 256;
/// Allocation sizes (in blocks) that get their own first-fit cursor.
const SMALL_CLASSES: usize = 8;

/// Heap statistics.
#[derive(Copy, Clone, Debug, Default)]
pub struct HeapStats {
    /// Bytes in the pool.
    pub total: usize,
    /// Bytes in allocated blocks.
    pub used: usize,
    /// Bytes in free blocks.
    pub free: usize,
    /// Largest free run, in bytes.
    pub max_free: usize,
    /// Number of allocations.
    pub objects: usize,
    /// Highest `used` ever seen.
    pub peak: usize,
    /// Collections so far.
    pub collections: u32,
}

/// The arena and its allocation table.
pub struct Heap {
    _owner: Box<[u128]>,
    base: *mut u8,
    pool: u32,
    n_blocks: u32,
    hints: [u32; SMALL_CLASSES + 1],
    hint_multi: u32,
    used_blocks: u32,
    peak_blocks: u32,
    /// Collections run so far.
    pub collections: u32,
    /// `micropython.heap_lock()` depth: allocation fails while non-zero.
    pub lock_depth: u32,
    mark_stack: [u32; MARK_STACK],
    mark_sp: usize,
    overflow: bool,
    /// Bytes allocated since the last collection (for `gc.threshold`).
    pub since_collect: usize,
}

impl Heap {
    /// A heap of about `bytes` bytes (table included), at least a few blocks.
    pub fn new(bytes: usize) -> Heap {
        let bytes = bytes.max(1024);
        let words = bytes.div_ceil(16);
        let mut owner: Box<[u128]> = vec![0u128; words].into_boxed_slice();
        let base = owner.as_mut_ptr() as *mut u8;
        // n blocks need n/4 table bytes + 16 n pool bytes.
        let n_blocks = ((bytes * 4) / (4 * BLOCK + 1)) as u32;
        let atb_bytes = (n_blocks as usize).div_ceil(4);
        let pool = atb_bytes.div_ceil(BLOCK) * BLOCK;
        let n_blocks = ((bytes - pool) / BLOCK) as u32;
        Heap {
            _owner: owner,
            base,
            pool: pool.max(BLOCK) as u32,
            n_blocks,
            hints: [0; SMALL_CLASSES + 1],
            hint_multi: 0,
            used_blocks: 0,
            peak_blocks: 0,
            collections: 0,
            lock_depth: 0,
            mark_stack: [0; MARK_STACK],
            mark_sp: 0,
            overflow: false,
            since_collect: 0,
        }
    }

    #[inline(always)]
    fn atb_get(&self, b: u32) -> u8 {
        // SAFETY: b < n_blocks and the table occupies base[0 .. n_blocks/4] inside the arena.
        let byte = unsafe { *self.base.add((b >> 2) as usize) };
        (byte >> ((b & 3) * 2)) & 3
    }

    #[inline(always)]
    fn atb_set(&self, b: u32, s: u8) {
        // SAFETY: as atb_get; the heap is single-threaded and no reference to table bytes
        // is ever handed out, so writing through the raw pointer aliases nothing.
        unsafe {
            let p = self.base.add((b >> 2) as usize);
            let sh = (b & 3) * 2;
            *p = (*p & !(3 << sh)) | (s << sh);
        }
    }

    #[inline(always)]
    fn block_of(&self, off: u32) -> Option<u32> {
        let rel = off.checked_sub(self.pool)?;
        if rel % BLOCK as u32 != 0 {
            return None;
        }
        let b = rel / BLOCK as u32;
        (b < self.n_blocks).then_some(b)
    }

    #[inline(always)]
    fn off_of(&self, b: u32) -> u32 {
        self.pool + b * BLOCK as u32
    }

    /// Raw pointer to the byte at `off` in the arena.
    #[inline(always)]
    pub fn ptr(&self, off: u32) -> *mut u8 {
        // SAFETY: offsets come from `alloc` and lie inside the arena.
        unsafe { self.base.add(off as usize) }
    }

    /// Allocate `bytes` (zeroed); None when no run of free blocks is large enough.
    /// Does not collect: the VM decides when to collect and retry.
    ///
    /// Small allocations (up to `SMALL_CLASSES` blocks) are first fit with one cursor per
    /// size: the cursor is the lowest block where a run of that size may start, so small
    /// long-lived objects cluster at the bottom of the heap and leave large runs free
    /// above them, and holes too small for a size are never rescanned for it. Larger
    /// allocations are next fit. Every search wraps around once before giving up.
    pub fn alloc(&mut self, bytes: usize) -> Option<u32> {
        if self.lock_depth > 0 {
            return None;
        }
        let n = bytes.max(1).div_ceil(BLOCK);
        if n > self.n_blocks as usize {
            return None;
        }
        let n = n as u32;
        let class = n as usize;
        let cursor = if class <= SMALL_CLASSES { self.hints[class] } else { self.hint_multi };
        let found = match self.find_run(cursor, self.n_blocks, n) {
            Some(b) => Some(b),
            None => self.find_run(0, (cursor + n).min(self.n_blocks), n),
        };
        let start = found?;
        if class <= SMALL_CLASSES {
            self.hints[class] = start + n;
            if self.hints[class] >= self.n_blocks {
                self.hints[class] = 0;
            }
        } else {
            self.hint_multi = start + n;
            if self.hint_multi >= self.n_blocks {
                self.hint_multi = 0;
            }
        }
        self.atb_set(start, HEAD);
        for i in 1..n {
            self.atb_set(start + i, TAIL);
        }
        self.used_blocks += n;
        if self.used_blocks > self.peak_blocks {
            self.peak_blocks = self.used_blocks;
        }
        self.since_collect += (n as usize) * BLOCK;
        let off = self.off_of(start);
        // SAFETY: the n blocks at `off` are inside the pool and now owned by this allocation.
        unsafe { core::ptr::write_bytes(self.ptr(off), 0, n as usize * BLOCK) };
        Some(off)
    }

    /// The table as 64-bit words (32 blocks each) for fast skipping.
    #[inline(always)]
    fn atb_word(&self, w: u32) -> u64 {
        // SAFETY: callers only ask for words that lie entirely inside the table
        // (w * 32 + 32 <= n_blocks); the table starts at the 16-aligned arena base.
        unsafe { core::ptr::read_unaligned(self.base.add(w as usize * 8) as *const u64) }
    }

    /// First block of a run of `n` free blocks in `from..to`.
    fn find_run(&self, from: u32, to: u32, n: u32) -> Option<u32> {
        const LOW: u64 = 0x5555_5555_5555_5555;
        let mut b = from;
        let mut run = 0u32;
        let mut start = 0u32;
        while b < to {
            // Skip 32 allocated blocks at a time when none of them is free.
            if run == 0 && b & 31 == 0 && b + 32 <= to {
                let x = self.atb_word(b >> 5);
                if (x | (x >> 1)) & LOW == LOW {
                    b += 32;
                    continue;
                }
            }
            if self.atb_get(b) == FREE {
                if run == 0 {
                    start = b;
                }
                run += 1;
                if run == n {
                    return Some(start);
                }
            } else {
                run = 0;
            }
            b += 1;
        }
        None
    }

    /// Number of blocks in the allocation at `off`.
    pub fn alloc_blocks(&self, off: u32) -> u32 {
        let Some(b0) = self.block_of(off) else { return 0 };
        let mut b = b0 + 1;
        while b < self.n_blocks && self.atb_get(b) == TAIL {
            b += 1;
        }
        b - b0
    }

    /// Free an allocation nothing else refers to (replaced buffers). Ignores bad offsets.
    pub fn free(&mut self, off: u32) {
        let Some(b0) = self.block_of(off) else { return };
        let s = self.atb_get(b0);
        if s != HEAD && s != MARK {
            return;
        }
        let n = self.alloc_blocks(off);
        for i in 0..n {
            self.atb_set(b0 + i, FREE);
        }
        self.used_blocks -= n;
        for k in 1..=(n as usize).min(SMALL_CLASSES) {
            if b0 < self.hints[k] {
                self.hints[k] = b0;
            }
        }
        #[cfg(feature = "gc-stress")]
        // SAFETY: the blocks were just freed and belong to nobody.
        unsafe {
            core::ptr::write_bytes(self.ptr(off), 0xa5, n as usize * BLOCK)
        };
    }

    /// Try to grow or shrink an allocation in place to `bytes`. Returns true on success.
    pub fn resize_in_place(&mut self, off: u32, bytes: usize) -> bool {
        let Some(b0) = self.block_of(off) else { return false };
        let have = self.alloc_blocks(off);
        let want = bytes.max(1).div_ceil(BLOCK) as u32;
        if want <= have {
            for i in want..have {
                self.atb_set(b0 + i, FREE);
            }
            self.used_blocks -= have - want;
            return true;
        }
        let extra = want - have;
        if b0 + want > self.n_blocks || self.lock_depth > 0 {
            return false;
        }
        for i in have..want {
            if self.atb_get(b0 + i) != FREE {
                return false;
            }
        }
        for i in have..want {
            self.atb_set(b0 + i, TAIL);
        }
        // SAFETY: the extra blocks are inside the pool and now part of this allocation.
        unsafe {
            core::ptr::write_bytes(self.ptr(self.off_of(b0 + have)), 0, extra as usize * BLOCK)
        };
        self.used_blocks += extra;
        if self.used_blocks > self.peak_blocks {
            self.peak_blocks = self.used_blocks;
        }
        self.since_collect += extra as usize * BLOCK;
        true
    }

    /// Mark `v` reachable (queue it for tracing) if it is an unmarked heap object.
    #[inline]
    pub fn mark(&mut self, v: Value) {
        if let Some(off) = v.as_obj() {
            self.mark_off(off);
        }
    }

    /// Mark the allocation at `off` (objects and buffers alike).
    #[inline]
    pub fn mark_off(&mut self, off: u32) {
        let Some(b) = self.block_of(off) else { return };
        if self.atb_get(b) != HEAD {
            return;
        }
        self.atb_set(b, MARK);
        if self.mark_sp < MARK_STACK {
            self.mark_stack[self.mark_sp] = off;
            self.mark_sp += 1;
        } else {
            self.overflow = true;
        }
    }

    /// Trace everything queued by `mark`, using `trace(heap, off, children)` to list each
    /// allocation's children. Handles mark-stack overflow by rescanning.
    pub fn drain(&mut self, trace: fn(&Heap, u32, &mut dyn FnMut(u32))) {
        loop {
            while self.mark_sp > 0 {
                self.mark_sp -= 1;
                let off = self.mark_stack[self.mark_sp];
                self.trace_one(off, trace);
            }
            if !self.overflow {
                break;
            }
            self.overflow = false;
            for b in 0..self.n_blocks {
                if self.atb_get(b) == MARK {
                    let off = self.off_of(b);
                    self.trace_one(off, trace);
                    while self.mark_sp > 0 {
                        self.mark_sp -= 1;
                        let o = self.mark_stack[self.mark_sp];
                        self.trace_one(o, trace);
                    }
                }
            }
        }
    }

    fn trace_one(&mut self, off: u32, trace: fn(&Heap, u32, &mut dyn FnMut(u32))) {
        let mut children: [u32; 32] = [0; 32];
        let mut n = 0usize;
        let mut spill = false;
        {
            let this: &Heap = self;
            let mut push = |c: u32| {
                if n < children.len() {
                    children[n] = c;
                    n += 1;
                } else {
                    spill = true;
                }
            };
            trace(this, off, &mut push);
        }
        for &c in &children[..n] {
            self.mark_off(c);
        }
        if spill {
            // Large containers: mark children directly in a second pass.
            let mut all = alloc::vec::Vec::new();
            trace(self, off, &mut |c| all.push(c));
            for c in all {
                self.mark_off(c);
            }
        }
    }

    /// Free every unmarked allocation and unmark the rest. Returns blocks freed.
    pub fn sweep(&mut self) -> u32 {
        let mut freed = 0;
        let mut b = 0;
        let mut in_free = false;
        while b < self.n_blocks {
            match self.atb_get(b) {
                HEAD => {
                    self.atb_set(b, FREE);
                    freed += 1;
                    in_free = true;
                }
                MARK => {
                    self.atb_set(b, HEAD);
                    in_free = false;
                }
                TAIL if in_free => {
                    self.atb_set(b, FREE);
                    freed += 1;
                }
                _ => {}
            }
            b += 1;
        }
        #[cfg(feature = "gc-stress")]
        {
            for b in 0..self.n_blocks {
                if self.atb_get(b) == FREE {
                    // SAFETY: free blocks belong to nobody.
                    unsafe { core::ptr::write_bytes(self.ptr(self.off_of(b)), 0xa5, BLOCK) };
                }
            }
        }
        self.used_blocks -= freed;
        self.hints = [0; SMALL_CLASSES + 1];
        self.hint_multi = 0;
        self.collections += 1;
        self.since_collect = 0;
        freed
    }

    /// Bytes free.
    pub fn free_bytes(&self) -> usize {
        (self.n_blocks - self.used_blocks) as usize * BLOCK
    }
    /// Bytes allocated.
    pub fn used_bytes(&self) -> usize {
        self.used_blocks as usize * BLOCK
    }
    /// Pool size in bytes.
    pub fn total_bytes(&self) -> usize {
        self.n_blocks as usize * BLOCK
    }
    /// Peak bytes allocated.
    pub fn peak_bytes(&self) -> usize {
        self.peak_blocks as usize * BLOCK
    }

    /// Walk the table for detailed statistics (`micropython.mem_info`).
    pub fn stats(&self) -> HeapStats {
        let mut s = HeapStats {
            total: self.total_bytes(),
            used: self.used_bytes(),
            free: self.free_bytes(),
            peak: self.peak_bytes(),
            collections: self.collections,
            ..HeapStats::default()
        };
        let mut run = 0usize;
        for b in 0..self.n_blocks {
            match self.atb_get(b) {
                FREE => {
                    run += 1;
                    s.max_free = s.max_free.max(run * BLOCK);
                }
                HEAD | MARK => {
                    s.objects += 1;
                    run = 0;
                }
                _ => run = 0,
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_children(_: &Heap, _: u32, _: &mut dyn FnMut(u32)) {}

    #[test]
    fn alloc_until_full_then_sweep_frees_everything_unmarked() {
        let mut h = Heap::new(4096);
        let total = h.total_bytes();
        let mut offs = alloc::vec::Vec::new();
        while let Some(o) = h.alloc(16) {
            offs.push(o);
        }
        assert_eq!(offs.len() * BLOCK, total);
        assert_eq!(h.free_bytes(), 0);
        h.mark_off(offs[3]);
        h.drain(no_children);
        let freed = h.sweep();
        assert_eq!(freed as usize, offs.len() - 1);
        assert_eq!(h.used_bytes(), BLOCK);
    }

    #[test]
    fn multi_block_allocations_are_contiguous_and_zeroed() {
        let mut h = Heap::new(4096);
        let a = h.alloc(40).unwrap();
        assert_eq!(h.alloc_blocks(a), 3);
        // SAFETY: test writes inside its own allocation.
        unsafe { *h.ptr(a + 20) = 7 };
        h.free(a);
        let b = h.alloc(48).unwrap();
        // SAFETY: reading inside the new allocation.
        assert_eq!(unsafe { *h.ptr(b + 20) }, 0);
        assert!(h.resize_in_place(b, 100));
        assert_eq!(h.alloc_blocks(b), 7);
    }

    #[test]
    fn mark_stack_overflow_still_marks_everything() {
        // A chain where each block's "child" is the next block: deeper than the stack.
        fn next_child(h: &Heap, off: u32, f: &mut dyn FnMut(u32)) {
            // SAFETY: test layout: the first word holds the next offset (or 0).
            let next = unsafe { *(h.ptr(off) as *const u32) };
            if next != 0 {
                f(next);
            }
        }
        let mut h = Heap::new(64 * 1024);
        let mut offs = alloc::vec::Vec::new();
        for _ in 0..1000 {
            offs.push(h.alloc(16).unwrap());
        }
        // wide fan-out from the first: block 0 lists nothing, but we mark all heads of
        // chains directly to overflow the stack.
        for w in offs.windows(2) {
            // SAFETY: writing the first word of our own test allocation.
            unsafe { *(h.ptr(w[0]) as *mut u32) = w[1] };
        }
        for &o in offs.iter().step_by(2) {
            h.mark_off(o);
        }
        h.drain(next_child);
        assert_eq!(h.sweep(), 0);
    }
}
