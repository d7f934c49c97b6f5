//! The virtual machine state: heap, value stack, frames, roots, and allocation with
//! collection on demand.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::AtomicBool;

use upy_hal::Port;

use crate::heap::Heap;
use crate::obj::{self, Kind};
use crate::qstr::{Qstr, QstrPool};
use crate::types::{ModuleId, TypeId};
use crate::value::Value;

/// Marker for "an exception was raised": the exception object is in `Vm::exc`.
#[derive(Debug, Copy, Clone, PartialEq, Eq)]
pub struct Exc;

/// Result of anything that can raise a Python exception.
pub type PyResult<T> = Result<T, Exc>;

/// One active Python frame. Its locals are `stack[base .. base + n_locals]`, its operand
/// stack follows them.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Frame {
    pub code: Value,
    pub globals: Value,
    /// Locals dict for module and class-body code (NULL for functions).
    pub locals: Value,
    pub func: Value,
    pub base: u32,
    /// Stack length to restore when the frame returns (the callable's slot).
    pub ret_sp: u32,
    /// Where execution continues (saved while another frame runs).
    pub ip: u32,
    /// Offset of the instruction being executed (for handlers and tracebacks).
    pub op: u32,
    /// The generator this frame runs, or NULL.
    pub generator: Value,
    /// The `run` loop that pushed this frame returns when it returns.
    pub entry: bool,
    /// The frame runs `__init__` for `cls(...)` called from the interpreter: the instance
    /// is in `stack[ret_sp]`, and returning pushes it instead of the (None) result.
    pub init: bool,
    /// A generator frame resumed by `yield from` in the frame below it (in the same `run`
    /// loop): its yields are yielded on by that frame, its return value is the value of
    /// the `yield from` (see docs/vm-internals.md).
    pub delegated: bool,
    /// Where the code's instructions, names and constants are (see `CodeView`).
    pub view: CodeView,
    /// Nonzero: the frame runs an operator's special method (`a + b`, `a < b`) for the
    /// caller's instruction, whose operands are in `stack[ret_sp..ret_sp + 2]`; returning
    /// NotImplemented continues the operator protocol there (`runtime::dunder_code`).
    pub dunder: u16,
}

/// Heap offsets and lengths of a code object's instruction bytes, names and constants,
/// taken when a frame is built: the dispatch loop enters (or returns to) a frame with a
/// few loads instead of looking them up through the code object. A code object never
/// changes after it is made and is kept alive by the frame, so these stay valid.
#[derive(Copy, Clone, Debug, Default)]
pub(crate) struct CodeView {
    pub code_at: u32,
    pub code_len: u32,
    pub names_at: u32,
    pub n_names: u32,
    pub consts_at: u32,
    pub n_consts: u32,
}

impl CodeView {
    /// The view of code object `c` (`load_code` noted where its tuples' items are).
    #[inline(always)]
    pub(crate) fn of(c: &obj::CodeObj) -> CodeView {
        CodeView {
            code_at: c.bytecode + obj::ARRAY_DATA,
            code_len: c.code_len,
            names_at: c.names_at,
            n_names: c.n_names,
            consts_at: c.consts_at,
            n_consts: c.n_consts,
        }
    }
}

impl Frame {
    /// A function's frame at its first instruction (not a generator, not `__init__`).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn call(code: Value, view: CodeView, globals: Value, locals: Value, func: Value, base: usize, ret_sp: u32, entry: bool) -> Frame {
        Frame { code, globals, locals, func, base: base as u32, ret_sp, ip: 0, op: 0, generator: Value::NULL, entry, init: false, delegated: false, dunder: 0, view }
    }

    /// The frame of `generator` resumed at `ip` (its window already at `base`).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn resume(code: Value, view: CodeView, globals: Value, func: Value, base: usize, ret_sp: usize, ip: u32, generator: Value, entry: bool) -> Frame {
        Frame {
            view,
            code,
            globals,
            locals: Value::NULL,
            func,
            base: base as u32,
            ret_sp: ret_sp as u32,
            ip,
            op: ip.saturating_sub(1),
            generator,
            entry,
            init: false,
            delegated: false,
            dunder: 0,
        }
    }
}

/// Settings a port chooses when creating a VM.
#[derive(Clone, Debug)]
pub struct Config {
    /// Heap size in bytes.
    pub heap_bytes: usize,
    /// Value-stack slots (locals + operands of all active frames).
    pub stack_slots: usize,
    /// Maximum nesting of Python calls (RecursionError beyond).
    pub max_frames: usize,
    /// Maximum nesting of native code calling back into Python (RecursionError beyond).
    pub max_native_depth: u32,
    /// Execution budget in backward jumps and calls (None: unlimited). When it runs out
    /// the program gets RuntimeError; hosts that run untrusted code (the fuzzer, editors
    /// evaluating snippets) use it to bound run time deterministically.
    pub fuel: Option<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config { heap_bytes: 256 * 1024, stack_slots: 64 * 1024, max_frames: 1000, max_native_depth: 200, fuel: None }
    }
}

/// The interpreter.
pub struct Vm {
    /// The GC heap.
    pub heap: Heap,
    /// Interned strings.
    pub qstrs: QstrPool,
    /// The board.
    pub port: Box<dyn Port>,
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: Vec<Frame>,
    /// Objects allocated by native code that are not yet reachable from a root.
    pub(crate) temp: Vec<Value>,
    /// The exception being raised (valid while an `Err(Exc)` propagates).
    pub(crate) exc: Value,
    /// The exception being handled (bare `raise`, `sys.exc_info`).
    pub(crate) handled: Value,
    /// `sys.modules`.
    pub modules: Value,
    /// The builtins namespace dict.
    pub builtins: Value,
    /// Built-in module objects, created on first import.
    pub(crate) builtin_mods: [Value; ModuleId::COUNT],
    /// `sys.path`, `sys.argv`.
    pub sys_path: Value,
    pub(crate) sys_argv: Value,
    /// Preallocated MemoryError instance.
    pub(crate) memory_error: Value,
    /// A MemoryError with a message is being built (an allocation failing meanwhile gets
    /// the preallocated one instead of recursing).
    pub(crate) building_memory_error: bool,
    /// `micropython.schedule` queue: (function, argument) pairs.
    pub(crate) scheduled: Vec<(Value, Value)>,
    pub(crate) interrupt: &'static AtomicBool,
    /// Set when a `run` loop returned because its generator frame yielded.
    pub(crate) yielded: bool,
    pub(crate) native_depth: u32,
    pub(crate) config: Config,
    /// `gc.disable()` turns off automatic collection (allocation still collects when full).
    /// (Set with `set_gc_enabled`, which tells the heap.)
    pub(crate) gc_enabled: bool,
    /// `gc.threshold()`: collect after this many bytes were allocated (-1: the default, a
    /// quarter of the heap). (Set with `set_gc_threshold`, which tells the heap.)
    pub(crate) gc_threshold: isize,
    /// `micropython.kbd_intr()` character (-1 disabled); the port reads it.
    pub kbd_intr_char: i32,
    pub(crate) in_collect: bool,
    /// A generator resume asked `run` to raise `exc` at the current instruction.
    pub(crate) throw_pending: bool,
    /// The exception now unwinding is re-raised (bare `raise`, the end of a `finally` or of an
    /// `except` that did not match): the frame it is re-raised in already has its traceback
    /// entry, so unwinding must not add a second one.
    pub(crate) reraising: bool,
    /// Filesystem state: littlefs on the port's block device, mount table, cwd, open files.
    pub(crate) fs: crate::modules::os::FsState,
    /// Remaining execution budget (see `Config::fuel`).
    pub(crate) fuel: Option<u64>,
    /// `micropython.opt_level()`: 0-3 (asserts are compiled out from level 1 on, as
    /// MicroPython, once the compiler honours it).
    pub opt_level: u8,
    /// Results of `runtime::lookup_in_type` (see `TypeCacheEntry`).
    pub(crate) type_cache: Box<[TypeCacheEntry; TYPE_CACHE_SIZE]>,
    /// Per-instruction attribute cache (see `attr_slot`): for each slot, the entry index in
    /// an instance dict where the attribute named by the instruction hashing to that slot
    /// was found last time. Only a hint: a hit is verified by comparing the entry's key
    /// with the name, so it never needs flushing.
    pub(crate) attr_cache: [u8; ATTR_CACHE_SIZE],
    /// Per-instruction `LoadMethod` cache (see `MethodCacheEntry`), indexed by the
    /// instruction's `attr_slot` and the class (`runtime::method_slot`).
    pub(crate) method_cache: Box<[MethodCacheEntry; METHOD_CACHE_SIZE]>,
    /// A filter of every name ever added as a key to a dict flagged `DICT_INSTANCE` (all
    /// bits once any non-qstr key was): a clear bit proves that no instance dict holds that
    /// name, so a method found on the class is not shadowed. Never cleared.
    pub(crate) inst_keys: [u32; INST_KEY_WORDS],
    /// Bumped when a class gains a property or `__setattr__` after its creation: every
    /// class's `CLASS_*` flags (a union over its MRO) are then recomputed on next use, so
    /// subclasses see what was added to a base.
    pub(crate) class_epoch: u32,
}

/// log2 of the bits in `Vm::inst_keys`.
pub(crate) const INST_KEY_BITS_LOG2: u32 = 9;
/// Words in `Vm::inst_keys`.
pub(crate) const INST_KEY_WORDS: usize = (1 << INST_KEY_BITS_LOG2) / 32;

/// Entries in `Vm::method_cache` (a power of two).
pub(crate) const METHOD_CACHE_SIZE: usize = 128;

/// Where a `LoadMethod` instruction last found a Python function for instances of `cls`:
/// entry `idx` of the class namespace dict at `dict`. Flushed with `type_cache` (a class
/// namespace gaining or losing a key, every collection), so while an entry exists the
/// name still resolves to that dict entry along `cls`'s MRO; a hit re-reads the entry,
/// checks its key and that the value is still a function.
#[derive(Copy, Clone)]
pub(crate) struct MethodCacheEntry {
    /// The class (NULL: empty).
    pub cls: Value,
    /// The namespace dict.
    pub dict: u32,
    /// The entry index.
    pub idx: u32,
}

impl MethodCacheEntry {
    pub(crate) const EMPTY: MethodCacheEntry = MethodCacheEntry { cls: Value::NULL, dict: 0, idx: 0 };
}

/// Slots in `Vm::attr_cache` (a power of two).
pub(crate) const ATTR_CACHE_SIZE: usize = 512;

/// The `Vm::attr_cache` slot of the instruction at address `addr` (bytecode pointer plus
/// offset: unique per instruction while its code object lives).
#[inline(always)]
pub(crate) fn attr_slot(addr: usize) -> usize {
    ((addr as u32).wrapping_mul(0x9E37_79B1) >> (32 - ATTR_CACHE_SIZE.trailing_zeros())) as usize
}

/// Entries in the type-attribute cache (a power of two).
pub(crate) const TYPE_CACHE_SIZE: usize = 128;

/// What `lookup_in_type(cls, name)` found. The cache is flushed when a class namespace
/// gains or loses a key and at every collection (so cached values never outlive their
/// objects and offsets are never reused under it); a hit in a namespace dict is
/// re-validated by checking that the entry still holds `name`, and its value is read
/// afresh, so assignments to existing class attributes need no flush.
#[derive(Copy, Clone)]
pub(crate) struct TypeCacheEntry {
    /// The class (NULL: empty entry).
    pub cls: Value,
    /// The attribute name.
    pub name: Qstr,
    /// `TC_MISS`, `TC_VALUE` (an immutable value in `val`) or `TC_DICT` (entry `idx`
    /// of the namespace dict at `dict`).
    pub what: u8,
    /// The value (`TC_VALUE`).
    pub val: Value,
    /// The dict (`TC_DICT`).
    pub dict: u32,
    /// The entry index (`TC_DICT`).
    pub idx: u32,
}

/// `TypeCacheEntry::what`: not found anywhere in the MRO.
pub(crate) const TC_MISS: u8 = 0;
/// `TypeCacheEntry::what`: an immutable value from a built-in type's table.
pub(crate) const TC_VALUE: u8 = 1;
/// `TypeCacheEntry::what`: an entry of a class namespace dict.
pub(crate) const TC_DICT: u8 = 2;

impl TypeCacheEntry {
    const EMPTY: TypeCacheEntry = TypeCacheEntry { cls: Value::NULL, name: Qstr(0), what: TC_MISS, val: Value::NULL, dict: 0, idx: 0 };
}

impl Vm {
    /// A fresh interpreter on `port` with `config`.
    pub fn new(port: Box<dyn Port>, config: Config) -> Vm {
        let interrupt = port.interrupt_flag();
        let mut vm = Vm {
            heap: Heap::new(config.heap_bytes),
            qstrs: QstrPool::new(),
            port,
            stack: Vec::with_capacity(config.stack_slots.min(1 << 16)),
            frames: Vec::new(),
            temp: Vec::new(),
            exc: Value::NULL,
            handled: Value::NULL,
            modules: Value::NULL,
            builtins: Value::NULL,
            builtin_mods: [Value::NULL; ModuleId::COUNT],
            sys_path: Value::NULL,
            sys_argv: Value::NULL,
            memory_error: Value::NULL,
            building_memory_error: false,
            scheduled: Vec::new(),
            interrupt,
            yielded: false,
            native_depth: 0,
            config,
            gc_enabled: true,
            gc_threshold: -1,
            kbd_intr_char: 3,
            in_collect: false,
            throw_pending: false,
            reraising: false,
            fs: Default::default(),
            fuel: None,
            type_cache: Box::new([TypeCacheEntry::EMPTY; TYPE_CACHE_SIZE]),
            opt_level: 0,
            attr_cache: [0; ATTR_CACHE_SIZE],
            class_epoch: 0,
            inst_keys: [0; INST_KEY_WORDS],
            method_cache: Box::new([MethodCacheEntry::EMPTY; METHOD_CACHE_SIZE]),
        };
        vm.fuel = vm.config.fuel;
        vm.sync_collect_after();
        // A failure here means the heap is too small to hold the interpreter's own
        // objects; the VM still comes up, with the roots it managed to create.
        let _ = vm.init_roots();
        vm.temp.clear();
        vm
    }

    fn init_roots(&mut self) -> PyResult<()> {
        let me = obj::exc::new_exception(self, TypeId::MemoryError.value(), &[])?;
        self.memory_error = me;
        self.modules = obj::dict::new_dict(self)?;
        self.sys_path = obj::list::new_list(self, &[])?;
        self.sys_argv = obj::list::new_list(self, &[])?;
        crate::modules::builtins::init(self)?;
        Ok(())
    }

    /// Allocate `bytes` for an object of `kind`, collecting if needed. The new object is
    /// a temporary root until the current instruction (or native call) ends.
    pub fn alloc(&mut self, kind: Kind, bytes: usize) -> PyResult<u32> {
        #[cfg(not(feature = "gc-stress"))]
        if !self.collect_due() {
            if let Some(off) = self.heap.alloc_fast(bytes.div_ceil(crate::heap::BLOCK) as u32, kind as u8) {
                self.temp.push(Value::obj(off));
                return Ok(off);
            }
        }
        #[cfg(feature = "gc-stress")]
        self.collect();
        if self.collect_due() {
            self.collect();
        }
        let off = match self.heap.alloc(bytes) {
            Some(o) => o,
            None => {
                self.collect();
                match self.heap.alloc(bytes) {
                    Some(o) => o,
                    None => {
                        #[cfg(feature = "std")]
                        if std::env::var_os("UPY_DEBUG_OOM").is_some() {
                            let st = self.heap.stats();
                            std::eprintln!("upy: out of memory allocating {bytes} bytes: {st:?}");
                        }
                        return Err(self.raise_memory_error_bytes(bytes));
                    }
                }
            }
        };
        self.heap.get_mut::<obj::Header>(off).kind = kind as u8;
        self.temp.push(Value::obj(off));
        Ok(off)
    }

    /// Is a collection due before the next allocation? After `gc.threshold()` bytes, or by
    /// default after a quarter of the heap: the heap never moves objects, so collecting
    /// before the allocation front has swept the whole arena keeps survivors packed low
    /// and large free runs above them.
    #[inline(always)]
    fn collect_due(&self) -> bool {
        self.heap.collect_due()
    }

    /// `gc.enable()` / `gc.disable()`.
    pub fn set_gc_enabled(&mut self, on: bool) {
        self.gc_enabled = on;
        self.sync_collect_after();
    }

    /// `gc.threshold(bytes)` (negative: the default, a quarter of the heap).
    pub fn set_gc_threshold(&mut self, bytes: isize) {
        self.gc_threshold = bytes;
        self.sync_collect_after();
    }

    /// Tell the heap when a collection is due under the current `gc` settings.
    pub(crate) fn sync_collect_after(&mut self) {
        let after = if !self.gc_enabled {
            usize::MAX
        } else if self.gc_threshold >= 0 {
            self.gc_threshold as usize
        } else {
            self.heap.default_threshold
        };
        self.heap.set_collect_after(after);
    }

    /// Allocate a one-block object (float, small int box, cell, ...): the allocator's fast
    /// path inlined into hot callers, `alloc` otherwise. Same rooting as `alloc`.
    #[inline(always)]
    pub fn alloc1(&mut self, kind: Kind) -> PyResult<u32> {
        #[cfg(not(feature = "gc-stress"))]
        if !self.collect_due() {
            if let Some(off) = self.heap.alloc_fast(1, kind as u8) {
                self.temp.push(Value::obj(off));
                return Ok(off);
            }
        }
        self.alloc(kind, crate::heap::BLOCK)
    }

    /// Forget every cached type-attribute lookup.
    pub(crate) fn flush_type_cache(&mut self) {
        self.type_cache.fill(TypeCacheEntry::EMPTY);
        self.method_cache.fill(MethodCacheEntry::EMPTY);
    }

    /// Allocate a ValArray of `cap` NULL values.
    pub fn alloc_vals(&mut self, cap: usize) -> PyResult<u32> {
        let off = self.alloc(Kind::ValArray, 8 + cap * 4)?;
        self.heap.get_mut::<obj::ArrayHdr>(off).cap = cap as u32;
        Ok(off)
    }

    /// Allocate a zeroed RawBuf of `cap` bytes.
    pub fn alloc_raw(&mut self, cap: usize) -> PyResult<u32> {
        let off = self.alloc(Kind::RawBuf, 8 + cap)?;
        self.heap.get_mut::<obj::ArrayHdr>(off).cap = cap as u32;
        Ok(off)
    }

    /// Keep `v` alive until the current instruction ends (values taken out of containers
    /// and held across an allocation).
    #[inline]
    pub fn root(&mut self, v: Value) -> Value {
        if v.is_obj() {
            self.temp.push(v);
        }
        v
    }

    /// Set the current exception to the preallocated MemoryError.
    pub fn raise_memory_error(&mut self) -> Exc {
        let me = self.memory_error;
        if let Some(off) = me.as_obj() {
            let e = self.heap.get_mut::<obj::ExcObj>(off);
            e.traceback = Value::NULL;
            e.context = Value::NULL;
            e.cause = Value::NULL;
        }
        self.exc = me;
        Exc
    }

    /// Raise MemoryError for a request of `bytes` that cannot be met, with MicroPython's
    /// message (`m_malloc_fail`): a fresh exception, which also gets a traceback as it
    /// unwinds, when the heap still has room for it (a huge request on a mostly free
    /// heap); the preallocated one when the heap really is full or locked.
    pub fn raise_memory_error_bytes(&mut self, bytes: usize) -> Exc {
        /// Free bytes the fresh exception must leave for its traceback and the handler.
        const RESERVE: usize = 512;
        if self.building_memory_error || self.heap.locked() || self.heap.free_bytes() < RESERVE {
            return self.raise_memory_error();
        }
        self.building_memory_error = true;
        let mut msg = alloc::string::String::new();
        let _ = core::fmt::Write::write_fmt(&mut msg, format_args!("memory allocation failed, allocating {bytes} bytes"));
        let e = self.new_str(&msg).and_then(|m| obj::exc::new_exception(self, TypeId::MemoryError.value(), &[m]));
        self.building_memory_error = false;
        match e {
            Ok(e) => self.set_exception(e),
            Err(_) => self.raise_memory_error(),
        }
    }

    /// Run a full collection now.
    pub fn collect(&mut self) {
        if self.in_collect {
            return;
        }
        self.in_collect = true;
        let mut roots: Vec<Value> = Vec::new();
        let h = &mut self.heap;
        for &v in self.stack.iter().chain(self.temp.iter()) {
            h.mark(v);
        }
        for f in &self.frames {
            for v in [f.code, f.globals, f.locals, f.func, f.generator] {
                h.mark(v);
            }
        }
        for &(a, b) in &self.scheduled {
            h.mark(a);
            h.mark(b);
        }
        roots.extend_from_slice(&[
            self.exc,
            self.handled,
            self.modules,
            self.builtins,
            self.sys_path,
            self.sys_argv,
            self.memory_error,
        ]);
        roots.extend_from_slice(&self.builtin_mods);
        for v in roots {
            h.mark(v);
        }
        h.drain(obj::trace);
        h.sweep();
        self.flush_type_cache();
        self.in_collect = false;
    }

    /// Intern a str.
    pub fn intern(&mut self, s: &str) -> Qstr {
        self.qstrs.intern(s)
    }

    /// Text of a qstr.
    pub fn qstr_str(&self, q: Qstr) -> &str {
        self.qstrs.get(q)
    }

    /// The interrupt flag shared with the port.
    pub fn interrupt_flag(&self) -> &'static AtomicBool {
        self.interrupt
    }

    /// The exception currently being raised (after an `Err(Exc)`), taken out of the VM.
    pub fn take_exception(&mut self) -> Value {
        core::mem::replace(&mut self.exc, Value::NULL)
    }

    /// Make `e` the exception being raised.
    pub fn set_exception(&mut self, e: Value) -> Exc {
        self.exc = e;
        Exc
    }

    /// Configured limits.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Drop temporaries after a top-level operation finished.
    pub fn clear_temps(&mut self) {
        self.temp.clear();
    }
}
