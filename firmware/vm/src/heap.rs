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
    /// The bump region `bump .. bump_end`: every block in it is FREE. Small allocations
    /// of any size are cut from its front (`alloc_fast`); when it is too short, the slow
    /// path finds the next free run first-fit and makes it the region. Anything else that
    /// marks blocks allocated clips the region first (`claim`).
    bump: u32,
    bump_end: u32,
    /// `alloc_fast` succeeds exactly when `bump + n <= fast_end`: the bump region's end,
    /// clipped to where the collection budget runs out and closed (at most `bump`) while
    /// the heap is locked. One compare then stands for "room in the region, no collection
    /// due, not locked". Kept by `refresh_fast` after every change to what it depends on.
    fast_end: u32,
    /// Every block at or above `high` is FREE (sweeps stop there).
    high: u32,
    used_blocks: u32,
    peak_blocks: u32,
    /// Collections run so far.
    pub collections: u32,
    /// `micropython.heap_lock()` depth: allocation fails while non-zero.
    lock_depth: u32,
    mark_stack: [u32; MARK_STACK],
    mark_sp: usize,
    overflow: bool,
    /// Bytes allocated since the last collection (for `gc.threshold`).
    pub since_collect: usize,
    /// A collection is due once `since_collect` exceeds this (`usize::MAX`: never, the
    /// collector is disabled). Set by the VM (`set_collect_after`).
    collect_after: usize,
    /// The default collection threshold: a quarter of the pool, at least 16 KiB
    /// (precomputed: the VM compares against it on every allocation).
    pub default_threshold: usize,
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
            bump: 0,
            bump_end: 0,
            fast_end: 0,
            high: 0,
            used_blocks: 0,
            peak_blocks: 0,
            collections: 0,
            lock_depth: 0,
            mark_stack: [0; MARK_STACK],
            mark_sp: 0,
            overflow: false,
            since_collect: 0,
            collect_after: usize::MAX,
            default_threshold: (n_blocks as usize * BLOCK / 4).max(16 * 1024),
        }
    }

    /// Collect once more than `bytes` have been allocated since the last collection
    /// (`usize::MAX`: never).
    pub fn set_collect_after(&mut self, bytes: usize) {
        self.collect_after = bytes;
        self.refresh_fast();
    }

    /// Is a collection due (more than the budget allocated since the last one)?
    #[inline]
    pub fn collect_due(&self) -> bool {
        self.since_collect > self.collect_after
    }

    /// `micropython.heap_lock()`.
    pub fn lock(&mut self) {
        self.lock_depth += 1;
        self.refresh_fast();
    }

    /// `micropython.heap_unlock()`: the remaining depth.
    pub fn unlock(&mut self) -> u32 {
        self.lock_depth = self.lock_depth.saturating_sub(1);
        self.refresh_fast();
        self.lock_depth
    }

    /// Is allocation locked (`micropython.heap_lock()`)?
    #[inline]
    pub fn locked(&self) -> bool {
        self.lock_depth > 0
    }

    /// Recompute `fast_end`. An allocation starting at block `c` of the region may take
    /// the fast path only if no collection is due before it, i.e. `since_collect + (c -
    /// bump) * BLOCK <= collect_after` (both sides grow together as the region is cut, so
    /// the bound stays right until something else changes them); `fast_end = bump + budget
    /// + 1` admits exactly the one-block allocations allowed and sends larger ones near
    /// the limit to the slow path, which checks exactly.
    fn refresh_fast(&mut self) {
        self.fast_end = if self.lock_depth > 0 || self.since_collect > self.collect_after {
            self.bump
        } else {
            let budget = (self.collect_after - self.since_collect) / BLOCK;
            if budget >= (self.bump_end - self.bump) as usize { self.bump_end } else { self.bump + budget as u32 + 1 }
        };
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
    /// Small allocations (up to `SMALL_CLASSES` blocks) come from the bump region (see
    /// `bump`); when it is too short, the next free run of at least the size is found
    /// first fit from the size's cursor (the lowest block where a run of that size may
    /// start, so small long-lived objects cluster at the bottom of the heap and leave
    /// large runs free above them, and holes too small for a size are never rescanned for
    /// it), and the whole run becomes the new bump region. Larger allocations are next
    /// fit. Every search wraps around once before giving up.
    pub fn alloc(&mut self, bytes: usize) -> Option<u32> {
        let r = self.alloc_slow(bytes);
        self.refresh_fast();
        r
    }

    fn alloc_slow(&mut self, bytes: usize) -> Option<u32> {
        if self.lock_depth > 0 {
            return None;
        }
        let n = bytes.max(1).div_ceil(BLOCK);
        if n > self.n_blocks as usize {
            return None;
        }
        let n = n as u32;
        let class = n as usize;
        if class <= SMALL_CLASSES {
            if self.bump + n <= self.bump_end {
                let start = self.bump;
                self.bump += n;
                return Some(self.take(start, n));
            }
            let cursor = self.hints[class];
            let start = match self.find_run(cursor, self.n_blocks, n) {
                Some(b) => b,
                None => self.find_run(0, (cursor + n).min(self.n_blocks), n)?,
            };
            self.hints[class] = start + n;
            self.bump = start + n;
            self.bump_end = self.free_run_end(start + n);
            return Some(self.take(start, n));
        }
        let cursor = self.hint_multi;
        let start = match self.find_run(cursor, self.n_blocks, n) {
            Some(b) => b,
            None => self.find_run(0, (cursor + n).min(self.n_blocks), n)?,
        };
        self.hint_multi = start + n;
        if self.hint_multi >= self.n_blocks {
            self.hint_multi = 0;
        }
        self.claim(start, start + n);
        Some(self.take(start, n))
    }

    /// Blocks `s .. e` (all FREE) are about to be marked allocated by something other
    /// than the bump allocator: keep them out of the bump region.
    #[inline]
    fn claim(&mut self, s: u32, e: u32) {
        if s < self.bump_end && e > self.bump {
            if s <= self.bump {
                self.bump = e.min(self.bump_end);
            } else {
                self.bump_end = s;
            }
            self.refresh_fast();
        }
    }

    /// The end of the free run that starts at block `b` (the first non-free block, or
    /// `n_blocks`).
    fn free_run_end(&self, mut b: u32) -> u32 {
        const LOW: u64 = 0x5555_5555_5555_5555;
        let full_words = self.n_blocks / 32;
        while b < self.n_blocks {
            let w = b >> 5;
            if w >= full_words {
                if self.atb_get(b) != FREE {
                    return b;
                }
                b += 1;
                continue;
            }
            let x = self.atb_word(w) >> (2 * (b & 31));
            // Bit 2i set: block b + i is not free.
            let used = (x | (x >> 1)) & LOW;
            if used != 0 {
                return b + used.trailing_zeros() / 2;
            }
            b = (w + 1) * 32;
        }
        self.n_blocks
    }

    /// Mark the free blocks `start .. start + n` as one allocation, zero them and do the
    /// accounting. Returns its offset.
    #[inline(always)]
    fn take(&mut self, start: u32, n: u32) -> u32 {
        let (w, sh) = (start >> 5, start & 31);
        if sh + n <= 32 && w < self.n_blocks / 32 {
            // All in one full table word: HEAD then n - 1 TAILs, or-ed into FREE pairs.
            let pattern = ((0xAAAA_AAAA_AAAA_AAAA & (!0u64 >> (64 - 2 * n))) & !3) | HEAD as u64;
            self.atb_word_set(w, self.atb_word(w) | pattern << (2 * sh));
        } else {
            self.atb_set(start, HEAD);
            for i in 1..n {
                self.atb_set(start + i, TAIL);
            }
        }
        let next = start + n;
        if next > self.high {
            self.high = next;
        }
        // `peak_blocks` is brought up to date before `used_blocks` goes down.
        self.used_blocks += n;
        self.since_collect += n as usize * BLOCK;
        let off = self.off_of(start);
        let p = self.ptr(off) as *mut u128;
        // SAFETY: the n blocks at `off` are inside the pool and now owned by this
        // allocation; every block starts a multiple of 16 bytes from the arena base, which
        // is a `Box<[u128]>` (aligned for u128), so each u128 write is aligned and in bounds.
        unsafe {
            for i in 0..n as usize {
                p.add(i).write(0);
            }
        }
        off
    }

    /// Allocation fast path for `n <= SMALL_CLASSES` blocks: succeeds only when the bump
    /// region has room (the usual case: after a sweep the region walks up through garbage
    /// that was freed in one piece). Writes the header word (`kind`, zero flags and aux)
    /// and zeroes the rest. None: use `alloc`.
    #[inline(always)]
    pub fn alloc_fast(&mut self, n: u32, kind: u8) -> Option<u32> {
        if n == 0 || n as usize > SMALL_CLASSES {
            return None;
        }
        let c = self.bump;
        if c + n > self.fast_end {
            return None;
        }
        self.bump = c + n;
        let off = self.take(c, n);
        // SAFETY: `off` is the start of the allocation just made (inside the pool); the
        // header's `kind` is its first byte (`Header` is repr(C)), written as a byte so
        // endianness does not matter.
        unsafe { *self.ptr(off) = kind };
        Some(off)
    }

    /// The table as 64-bit words (32 blocks each) for fast skipping.
    #[inline(always)]
    fn atb_word(&self, w: u32) -> u64 {
        // SAFETY: callers only ask for words that lie entirely inside the table
        // (w * 32 + 32 <= n_blocks); the table starts at the 16-aligned arena base.
        unsafe { core::ptr::read_unaligned(self.base.add(w as usize * 8) as *const u64) }
    }

    /// Overwrite table word `w` (same bounds as `atb_word`).
    #[inline(always)]
    fn atb_word_set(&self, w: u32, x: u64) {
        // SAFETY: as atb_word; the heap is single-threaded and no reference to table bytes
        // is ever handed out.
        unsafe { core::ptr::write_unaligned(self.base.add(w as usize * 8) as *mut u64, x) }
    }

    /// First block of a run of `n` free blocks in `from..to`.
    ///
    /// Works on whole table words where it can: the free blocks of a word are the bit
    /// pairs that are 00, so the next free block is a trailing-zero count away and the
    /// length of a free run is a trailing-ones count.
    fn find_run(&self, from: u32, to: u32, n: u32) -> Option<u32> {
        const LOW: u64 = 0x5555_5555_5555_5555;
        let full_words = self.n_blocks / 32;
        let mut b = from;
        let mut run = 0u32;
        let mut start = 0u32;
        while b < to {
            let w = b >> 5;
            if w >= full_words {
                // The partial last table word: block by block.
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
                continue;
            }
            let x = self.atb_word(w);
            let off = b & 31;
            let mut lim = (32 - off).min(to - b);
            // Bit 2i set: block b + i is free (only blocks b .. b + lim considered).
            let mut f = (!(x | (x >> 1)) & LOW) >> (2 * off);
            if lim < 32 {
                f &= (1u64 << (2 * lim)) - 1;
            }
            loop {
                if run == 0 {
                    if f == 0 {
                        b += lim;
                        break;
                    }
                    let k = f.trailing_zeros() / 2;
                    b += k;
                    f >>= 2 * k;
                    lim -= k;
                    start = b;
                }
                let ones = ((f | !LOW).trailing_ones() / 2).min(lim);
                if run + ones >= n {
                    return Some(start);
                }
                if ones < lim {
                    // The run ends inside this word: look for the next one.
                    run = 0;
                    b += ones;
                    f >>= 2 * ones;
                    lim -= ones;
                } else {
                    // Free up to the end of the word: the run may go on in the next.
                    run += ones;
                    b += ones;
                    break;
                }
            }
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
        self.note_peak();
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
            self.note_peak();
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
        self.claim(b0 + have, b0 + want);
        for i in have..want {
            self.atb_set(b0 + i, TAIL);
        }
        if b0 + want > self.high {
            self.high = b0 + want;
        }
        // SAFETY: the extra blocks are inside the pool and now part of this allocation.
        unsafe {
            core::ptr::write_bytes(self.ptr(self.off_of(b0 + have)), 0, extra as usize * BLOCK)
        };
        self.used_blocks += extra;
        self.since_collect += extra as usize * BLOCK;
        self.refresh_fast();
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
            let high = self.high;
            let mut b = 0;
            while b < high {
                // Skip table words without a marked block.
                if b & 31 == 0 && b + 32 <= self.n_blocks / 32 * 32 {
                    let x = self.atb_word(b >> 5);
                    if x & (x >> 1) & 0x5555_5555_5555_5555 == 0 {
                        b += 32;
                        continue;
                    }
                }
                if self.atb_get(b) == MARK {
                    let off = self.off_of(b);
                    self.trace_one(off, trace);
                    while self.mark_sp > 0 {
                        self.mark_sp -= 1;
                        let o = self.mark_stack[self.mark_sp];
                        self.trace_one(o, trace);
                    }
                }
                b += 1;
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
    ///
    /// Only blocks below `high` can be allocated, so the sweep stops there. The table is
    /// swept 32 blocks (one 64-bit word) at a time: an all-free word is skipped, and a
    /// word without TAIL blocks (only one-block objects and free blocks) is rewritten at
    /// once; other words go block by block.
    pub fn sweep(&mut self) -> u32 {
        let mut freed = 0;
        let mut in_free = false;
        let mut new_high = 0;
        let full_words = self.n_blocks / 32;
        let end_word = self.high.div_ceil(32).min(full_words);
        for w in 0..end_word {
            let x = self.atb_word(w);
            if x == 0 {
                continue;
            }
            let (y, f) = sweep_word(x, &mut in_free);
            freed += f;
            if y != x {
                self.atb_word_set(w, y);
            }
            if y != 0 {
                new_high = w * 32 + (63 - y.leading_zeros()) / 2 + 1;
            }
        }
        // The blocks after the last full table word, one at a time.
        let mut b = end_word * 32;
        let tail_end = if self.high > full_words * 32 { self.n_blocks } else { b };
        while b < tail_end {
            match self.atb_get(b) {
                HEAD => {
                    self.atb_set(b, FREE);
                    freed += 1;
                    in_free = true;
                }
                MARK => {
                    self.atb_set(b, HEAD);
                    in_free = false;
                    new_high = b + 1;
                }
                TAIL if in_free => {
                    self.atb_set(b, FREE);
                    freed += 1;
                }
                TAIL => new_high = b + 1,
                _ => {}
            }
            b += 1;
        }
        self.high = new_high;
        #[cfg(feature = "gc-stress")]
        {
            for b in 0..self.n_blocks {
                if self.atb_get(b) == FREE {
                    // SAFETY: free blocks belong to nobody.
                    unsafe { core::ptr::write_bytes(self.ptr(self.off_of(b)), 0xa5, BLOCK) };
                }
            }
        }
        self.note_peak();
        self.used_blocks -= freed;
        self.hints = [0; SMALL_CLASSES + 1];
        self.hint_multi = 0;
        self.bump = 0;
        self.bump_end = 0;
        self.collections += 1;
        self.since_collect = 0;
        self.refresh_fast();
        freed
    }

    /// Record the current use in `peak_blocks` (called before `used_blocks` decreases;
    /// allocations only raise `used_blocks`).
    #[inline]
    fn note_peak(&mut self) {
        self.peak_blocks = self.peak_blocks.max(self.used_blocks);
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
        self.peak_blocks.max(self.used_blocks) as usize * BLOCK
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

/// Sweep one table word (32 blocks): HEAD becomes FREE, MARK becomes HEAD, a TAIL becomes
/// FREE when its allocation's head was freed. `in_free` carries "the last allocation seen
/// was freed" across words. Returns the new word and the number of blocks freed.
///
/// Bit-parallel: with one bit per block (bit 2i of the masks), a TAIL is freed when the
/// nearest HEAD or MARK below it is a HEAD (or there is none and `in_free` is set). Set
/// every bit of the word that is not a HEAD or MARK block (odd bits included) and add a
/// 1 just above each HEAD (and at bit 0 for `in_free`): each carry runs up through the
/// blocks that follow the HEAD and stops at the next HEAD or MARK, so the bits the
/// addition changes are exactly the blocks owned by freed heads. Carries never meet:
/// one stops at a HEAD/MARK block `p` at the latest, and the next carry starts at `p + 1`.
#[inline]
fn sweep_word(x: u64, in_free: &mut bool) -> (u64, u32) {
    const LOW: u64 = 0x5555_5555_5555_5555;
    let hi = x >> 1;
    let heads = x & !hi & LOW;
    let marks = x & hi & LOW;
    let tails = hi & !x & LOW;
    let starts = heads | marks;
    let mut freed_tails = 0;
    if tails != 0 {
        let pass = !starts;
        let seeds = (heads << 2) | *in_free as u64;
        let sum = pass.wrapping_add(seeds);
        freed_tails = (pass ^ sum) & tails;
    }
    if starts != 0 {
        // The highest HEAD or MARK decides whether a TAIL in the next word is freed.
        *in_free = heads.leading_zeros() < marks.leading_zeros();
    }
    (marks | ((tails & !freed_tails) << 1), heads.count_ones() + freed_tails.count_ones())
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

    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn sweep_word_matches_block_by_block_sweep() {
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            // Random but well-formed-looking words, biased towards the TAIL-free fast path.
            let mut x = xorshift(&mut rng);
            if rng & 1 == 0 {
                let hi = x >> 1;
                x &= !(hi & !x & 0x5555_5555_5555_5555) << 1 | 0x5555_5555_5555_5555;
            }
            let start_free = rng & 2 != 0;
            let mut want = 0u64;
            let mut want_freed = 0;
            let mut f = start_free;
            for i in 0..32 {
                let s = ((x >> (2 * i)) & 3) as u8;
                let t = match s {
                    HEAD => {
                        f = true;
                        want_freed += 1;
                        FREE
                    }
                    MARK => {
                        f = false;
                        HEAD
                    }
                    TAIL if f => {
                        want_freed += 1;
                        FREE
                    }
                    o => o,
                };
                want |= (t as u64) << (2 * i);
            }
            let mut got_free = start_free;
            let (y, freed) = sweep_word(x, &mut got_free);
            assert_eq!((y, freed, got_free), (want, want_freed, f), "word {x:#x}");
        }
    }

    #[test]
    fn sweep_frees_exactly_the_unmarked_and_keeps_everything_above_high_free() {
        let mut rng = 0x1234_5678_9abc_def1u64;
        // 100_000 bytes: the block count is not a multiple of 32, so the partial last
        // table word is exercised too.
        let mut h = Heap::new(100_000);
        assert_ne!(h.n_blocks % 32, 0);
        for round in 0..6 {
            let mut live = alloc::vec::Vec::new();
            loop {
                let n = match xorshift(&mut rng) % 8 {
                    0 => 1 + (xorshift(&mut rng) % 40) as usize,
                    1..=4 => 1,
                    _ => 2,
                };
                let Some(o) = h.alloc(n * BLOCK) else { break };
                if xorshift(&mut rng) % 3 == 0 {
                    live.push((o, n as u32));
                }
                if h.free_bytes() < 64 * BLOCK && round % 2 == 0 {
                    break;
                }
            }
            for &(o, _) in &live {
                h.mark_off(o);
            }
            h.drain(no_children);
            h.sweep();
            let used: u32 = live.iter().map(|&(_, n)| n).sum();
            assert_eq!(h.used_bytes(), used as usize * BLOCK);
            for &(o, n) in &live {
                assert_eq!(h.alloc_blocks(o), n);
                assert_eq!(h.atb_get(h.block_of(o).unwrap()), HEAD);
            }
            for b in h.high..h.n_blocks {
                assert_eq!(h.atb_get(b), FREE, "block {b} above high {}", h.high);
            }
            assert_eq!(h.stats().objects, live.len());
            // Drop everything for the next round.
            h.sweep();
            assert_eq!(h.used_bytes(), 0);
            assert_eq!(h.high, 0);
        }
    }

    #[test]
    fn find_run_matches_a_block_by_block_search() {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let h = Heap::new(50_000);
        assert_ne!(h.n_blocks % 32, 0);
        for _ in 0..300 {
            // A random table: runs of free and allocated blocks of random lengths.
            let mut b = 0;
            while b < h.n_blocks {
                let len = 1 + (xorshift(&mut rng) % 40) as u32;
                let state = if xorshift(&mut rng) % 2 == 0 { FREE } else { HEAD };
                for i in b..(b + len).min(h.n_blocks) {
                    h.atb_set(i, state);
                }
                b += len;
            }
            for _ in 0..50 {
                let n = 1 + (xorshift(&mut rng) % 48) as u32;
                let from = (xorshift(&mut rng) % h.n_blocks as u64) as u32;
                let to = from + (xorshift(&mut rng) % (h.n_blocks - from + 1) as u64) as u32;
                let mut want = None;
                let mut run = 0;
                for b in from..to {
                    if h.atb_get(b) == FREE {
                        run += 1;
                        if run == n {
                            want = Some(b + 1 - n);
                            break;
                        }
                    } else {
                        run = 0;
                    }
                }
                assert_eq!(h.find_run(from, to, n), want, "n {n} in {from}..{to}");
            }
        }
    }

    #[test]
    fn mixed_allocations_never_overlap_and_the_bump_region_stays_free() {
        let mut rng = 0x0bad_cafe_1234_5678u64;
        let mut h = Heap::new(60_000);
        // Shadow ownership of every block: 0 free, else allocation id.
        let mut owner = alloc::vec![0u32; h.n_blocks as usize];
        let mut live: alloc::vec::Vec<(u32, u32, u32)> = alloc::vec::Vec::new();
        let mut next_id = 1u32;
        for step in 0..40_000 {
            // Now and then a new collection budget (as `gc.threshold`) or a lock change.
            match xorshift(&mut rng) % 500 {
                0 => h.set_collect_after((xorshift(&mut rng) % 4096) as usize),
                1 => h.set_collect_after(usize::MAX),
                2 if !h.locked() => h.lock(),
                3 | 4 if h.locked() => {
                    h.unlock();
                }
                _ => {}
            }
            let r = xorshift(&mut rng) % 100;
            if r < 70 {
                let n = match xorshift(&mut rng) % 10 {
                    0 => 9 + (xorshift(&mut rng) % 30) as u32,
                    1..=5 => 1,
                    6 | 7 => 2,
                    _ => 3 + (xorshift(&mut rng) % 6) as u32,
                };
                let got = if n <= SMALL_CLASSES as u32 && xorshift(&mut rng) % 2 == 0 {
                    // The fast path never runs past a due collection or a lock.
                    let (due, locked) = (h.collect_due(), h.locked());
                    let fast = h.alloc_fast(n, 7);
                    assert!(fast.is_none() || !(due || locked), "step {step}: fast path when due={due} locked={locked}");
                    if locked {
                        assert!(h.alloc(n as usize * BLOCK).is_none(), "step {step}: allocated while locked");
                    }
                    fast.or_else(|| h.alloc(n as usize * BLOCK))
                } else {
                    h.alloc(n as usize * BLOCK)
                };
                if let Some(o) = got {
                    let b0 = h.block_of(o).unwrap();
                    for b in b0..b0 + n {
                        assert_eq!(owner[b as usize], 0, "step {step}: block {b} handed out twice");
                        owner[b as usize] = next_id;
                    }
                    live.push((o, n, next_id));
                    next_id += 1;
                }
            } else if r < 85 && !live.is_empty() {
                let i = (xorshift(&mut rng) % live.len() as u64) as usize;
                let (o, n, _) = live.swap_remove(i);
                let b0 = h.block_of(o).unwrap();
                for b in b0..b0 + n {
                    owner[b as usize] = 0;
                }
                h.free(o);
            } else if r < 95 && !live.is_empty() {
                let i = (xorshift(&mut rng) % live.len() as u64) as usize;
                let (o, n, id) = live[i];
                let want = 1 + (xorshift(&mut rng) % 12) as u32;
                if h.resize_in_place(o, want as usize * BLOCK) {
                    let b0 = h.block_of(o).unwrap();
                    for b in b0 + want..b0 + n {
                        owner[b as usize] = 0;
                    }
                    for b in b0 + n..b0 + want {
                        assert_eq!(owner[b as usize], 0, "step {step}: resize took block {b}");
                        owner[b as usize] = id;
                    }
                    live[i].1 = want;
                }
            } else {
                // Collect, keeping a random half.
                live.retain(|_| xorshift(&mut rng) % 2 == 0);
                owner.fill(0);
                for &(o, n, id) in &live {
                    h.mark_off(o);
                    let b0 = h.block_of(o).unwrap();
                    for b in b0..b0 + n {
                        owner[b as usize] = id;
                    }
                }
                h.drain(no_children);
                h.sweep();
            }
            for b in h.bump..h.bump_end {
                assert_eq!(h.atb_get(b), FREE, "step {step}: bump region block {b} not free");
            }
            assert!(h.bump_end <= h.n_blocks);
            assert!(h.fast_end <= h.bump_end.max(h.bump), "step {step}: fast_end past the region");
        }
        let used: u32 = live.iter().map(|&(_, n, _)| n).sum();
        assert_eq!(h.used_bytes(), used as usize * BLOCK);
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
