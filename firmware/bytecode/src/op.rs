//! The opcode table: one declarative list generates the `Op` enum, operand kinds and names.
//!
//! # Encoding
//! Every instruction is one opcode byte followed by its operand, little-endian:
//!
//! | operand kind | bytes | meaning |
//! |---|---|---|
//! | `None` | 0 | — |
//! | `U8`   | 1 | small count or operator kind |
//! | `U16`  | 2 | index into consts / names / local slots, or a count |
//! | `Jump` | 4 | absolute byte offset of the target instruction in the same code object |
//!
//! # Stack notation
//! `[a, b] -> [c]` means the instruction pops `b` (top of stack, TOS) and `a`, and pushes `c`.
//! `NULL` is the VM's internal "no value" (never visible to Python).
//!
//! # Frame model
//! A function frame holds `n_locals` slots (`CodeObject::n_locals`): parameters first
//! (positional, then keyword-only, then `*args`, then `**kwargs`), then other locals, then
//! cell/free variables. A slot that holds a closure cell is accessed with the `*Deref` ops;
//! `MakeCell` turns a slot into a cell; the last `n_free` slots are filled from the
//! function's closure tuple when the frame is created. Module and class-body code use
//! `LoadName`/`StoreName` against the frame's locals dict (for modules it is the globals dict).
//!
//! # Exceptions
//! There are no setup/pop-block instructions: `CodeObject::exc_table` maps instruction
//! ranges to handlers (see `ExcEntry`). When an instruction at offset `o` raises, the VM
//! takes the FIRST entry in table order with `start <= o < end`, truncates the operand
//! stack to `depth` items, pushes the exception object and jumps to `handler`. The compiler
//! therefore lists inner handlers before outer ones. With no matching entry the frame is
//! popped, a traceback entry (file, line, function name) is added, and the exception
//! propagates to the caller. The handler code mirrors CPython 3.11's compile.c patterns
//! using `PushExcInfo` / `CheckExcMatch` / `PopExcept` / `Reraise` / `ExcCleanup`.
//!
//! # Superinstructions
//! The assembler fuses some frequent adjacent pairs into one instruction (`LoadFastLoadFast`,
//! `StoreFastLoadFast`, `BinaryOpSmallInt`, `BinarySubscrSmallInt`, `LoadFastBinaryOp`,
//! `LoadFastLoadAttr`, `LoadFastLoadMethod`, `LoadFastStoreAttr`, `ReturnNone`) when the
//! second is not a jump target and both have the same
//! exception handler. A part after the first that can raise reports the offset of the
//! instruction + 1, which lies inside the fused instruction (same exception-table entry);
//! the line table has an entry at that offset when the second part's line differs.

/// Kind of the operand that follows an opcode byte.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    /// No operand.
    None,
    /// One byte.
    U8,
    /// Two bytes, little-endian.
    U16,
    /// Four bytes, little-endian absolute jump target.
    Jump,
}

impl Operand {
    /// Number of operand bytes.
    pub const fn size(self) -> usize {
        match self {
            Operand::None => 0,
            Operand::U8 => 1,
            Operand::U16 => 2,
            Operand::Jump => 4,
        }
    }
}

const fn max_u8(a: u8, b: u8) -> u8 {
    if a > b { a } else { b }
}

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident = $val:literal : $kind:ident, )*) => {
        /// One bytecode instruction. Discriminants are part of the serialized format, and run
/// from 0 without gaps (`Op::from_u8` relies on it; checked at compile time).
        #[repr(u8)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Op {
            $( $(#[doc = $doc])* $name = $val, )*
        }

        impl Op {
            /// Decode an opcode byte (one compare: this is the interpreter's dispatch).
            #[inline(always)]
            pub const fn from_u8(b: u8) -> Option<Op> {
                if b <= Self::LAST {
                    // SAFETY: `Op` is `repr(u8)` and its discriminants are exactly
                    // `0..=LAST`, every value once (checked at compile time by `CONTIGUOUS`
                    // below), so `b` is the discriminant of a variant.
                    Some(unsafe { core::mem::transmute::<u8, Op>(b) })
                } else {
                    None
                }
            }
            /// Decode an opcode byte known to be valid, without the range check: for a
            /// VM that runs only validated code (`validate` proves every instruction's
            /// opcode byte known).
            ///
            /// # Safety
            /// `b <= Op::LAST`.
            #[inline(always)]
            pub const unsafe fn from_u8_unchecked(b: u8) -> Op {
                debug_assert!(b <= Self::LAST, "unknown opcode byte");
                // SAFETY: the caller guarantees `b <= LAST`; see `from_u8`.
                unsafe { core::mem::transmute::<u8, Op>(b) }
            }
            /// The largest opcode byte.
            pub const LAST: u8 = {
                let mut m = 0u8;
                $( m = max_u8(m, $val); )*
                m
            };
            /// Compile-time proof for `from_u8`: `ALL` lists `LAST + 1` variants and the
            /// i-th has discriminant i (so discriminants are `0..=LAST` without gaps).
            const CONTIGUOUS: () = {
                let all = Self::ALL;
                assert!(all.len() == Self::LAST as usize + 1, "opcode discriminants must be contiguous from 0");
                let mut i = 0;
                while i < all.len() {
                    assert!(all[i] as u8 as usize == i, "opcodes must be listed in discriminant order without gaps");
                    i += 1;
                }
            };
            /// The operand kind that follows this opcode.
            pub const fn operand(self) -> Operand {
                match self {
                    $( Op::$name => Operand::$kind, )*
                }
            }
            /// Instruction name as shown by the disassembler.
            pub const fn name(self) -> &'static str {
                match self {
                    $( Op::$name => stringify!($name), )*
                }
            }
            /// Total encoded size of the instruction (opcode + operand).
            pub const fn size(self) -> usize {
                1 + self.operand().size()
            }
            /// Every opcode, in table order.
            pub const ALL: &'static [Op] = &[ $( Op::$name, )* ];
        }

        // Evaluate the proof (a failed assertion is a compile error).
        const _: () = Op::CONTIGUOUS;
    };
}

opcodes! {
    /// Does nothing.
    Nop = 0: None,
    /// `[] -> [consts[i]]`.
    LoadConst = 1: U16,
    /// `[] -> [int]`: the operand reinterpreted as `i16`.
    LoadSmallInt = 2: U16,
    /// `[] -> [None]`.
    LoadNone = 3: None,
    /// `[] -> [True]`.
    LoadTrue = 4: None,
    /// `[] -> [False]`.
    LoadFalse = 5: None,
    /// `[] -> [local]`; UnboundLocalError if the slot is NULL.
    LoadFast = 6: U16,
    /// `[v] -> []`; stores into local slot.
    StoreFast = 7: U16,
    /// `[] -> []`; UnboundLocalError if the slot is NULL, else sets it to NULL.
    DeleteFast = 8: U16,
    /// `[] -> [cell contents]` for the cell in slot `i`; NameError/UnboundLocalError if empty.
    LoadDeref = 9: U16,
    /// `[v] -> []`; stores into the cell in slot `i`.
    StoreDeref = 10: U16,
    /// `[] -> []`; empties the cell in slot `i` (error if already empty).
    DeleteDeref = 11: U16,
    /// `[] -> [cell]`: pushes the cell object itself from slot `i` (to build closures).
    LoadClosure = 12: U16,
    /// `[] -> []`: replaces slot `i` by a new cell holding its current value (may be NULL).
    /// Emitted at function start for every cell variable.
    MakeCell = 13: U16,
    /// Class bodies only: `[] -> [v]`: looks `varnames[i]` up in the frame's locals dict,
    /// else loads the contents of the cell in slot `i`.
    LoadClassDeref = 14: U16,
    /// `[] -> [v]`: `names[i]` from the globals dict, else builtins; NameError otherwise.
    LoadGlobal = 15: U16,
    /// `[v] -> []`: `globals[names[i]] = v`.
    StoreGlobal = 16: U16,
    /// `[] -> []`: `del globals[names[i]]`; NameError if missing.
    DeleteGlobal = 17: U16,
    /// `[] -> [v]`: `names[i]` from the frame's locals dict, then globals, then builtins.
    LoadName = 18: U16,
    /// `[v] -> []`: `locals[names[i]] = v` (frame's locals dict).
    StoreName = 19: U16,
    /// `[] -> []`: `del locals[names[i]]`; NameError if missing.
    DeleteName = 20: U16,
    /// `[obj] -> [obj.<names[i]>]`.
    LoadAttr = 21: U16,
    /// `[value, obj] -> []`: `obj.<names[i]> = value`.
    StoreAttr = 22: U16,
    /// `[obj] -> []`: `del obj.<names[i]>`.
    DeleteAttr = 23: U16,
    /// `[obj] -> [method, self_or_NULL]`. If `names[i]` resolves to a plain function found
    /// on the type (not in the instance), pushes the function and `obj`; otherwise pushes
    /// the bound attribute and NULL. Always followed by `CallMethod`/`CallMethodKw`.
    LoadMethod = 24: U16,
    /// `[obj, key] -> [obj[key]]`.
    BinarySubscr = 25: None,
    /// `[value, obj, key] -> []`: `obj[key] = value`.
    StoreSubscr = 26: None,
    /// `[obj, key] -> []`: `del obj[key]`.
    DeleteSubscr = 27: None,
    /// `[start, stop] -> [slice]` (operand 2) or `[start, stop, step] -> [slice]` (operand 3).
    BuildSlice = 28: U8,
    /// `[a] -> [op a]`, operand is a `UnOp`.
    UnaryOp = 29: U8,
    /// `[a, b] -> [a op b]`, operand is a `BinOp` (in-place kinds try `__iop__` first).
    BinaryOp = 30: U8,
    /// `[a, b] -> [a op b]`, operand is a `CmpOp`.
    CompareOp = 31: U8,
    /// `[v] -> []`.
    Pop = 32: None,
    /// `[.., x_n, .., x_1] -> [.., x_n, .., x_1, x_n]`: pushes a copy of the n-th item
    /// from the top (`Copy 1` duplicates TOS). n >= 1.
    Copy = 33: U8,
    /// Swaps TOS with the n-th item from the top (`Swap 2` swaps the top two). n >= 2.
    Swap = 34: U8,
    /// Unconditional jump.
    Jump = 35: Jump,
    /// `[v] -> []`; jumps if `v` is falsy.
    PopJumpIfFalse = 36: Jump,
    /// `[v] -> []`; jumps if `v` is truthy.
    PopJumpIfTrue = 37: Jump,
    /// If TOS is falsy jump and keep it, else pop it (for `and`).
    JumpIfFalseOrPop = 38: Jump,
    /// If TOS is truthy jump and keep it, else pop it (for `or`).
    JumpIfTrueOrPop = 39: Jump,
    /// `[obj] -> [iter(obj)]`.
    GetIter = 40: None,
    /// `[it] -> [it, next(it)]`; when `it` is exhausted: `[it] -> []` and jump.
    ForIter = 41: Jump,
    /// `[x_1 .. x_n] -> [tuple]`.
    BuildTuple = 42: U16,
    /// `[x_1 .. x_n] -> [list]`.
    BuildList = 43: U16,
    /// `[x_1 .. x_n] -> [set]`.
    BuildSet = 44: U16,
    /// `[k_1, v_1 .. k_n, v_n] -> [dict]` (insertion order k_1 first).
    BuildMap = 45: U16,
    /// `[s_1 .. s_n] -> [str]`: concatenation of n str objects (f-strings).
    BuildString = 46: U16,
    /// `[value] -> [str]` or `[value, spec] -> [str]` when bit 2 of the operand is set.
    /// Bits 0-1: conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`). Result is
    /// `format(converted, spec or '')`.
    FormatValue = 47: U8,
    /// Comprehensions: `[.., list, .., item] -> [.., list, ..]`: pops item and appends it to
    /// the list that is then the i-th item from the top (i >= 1).
    ListAppend = 48: U16,
    /// As `ListAppend`, for sets.
    SetAdd = 49: U16,
    /// `[.., dict, .., key, value] -> [.., dict, ..]`: pops value then key, and sets
    /// `dict[key] = value` on the dict that is then the i-th item from the top.
    MapAdd = 50: U16,
    /// `[.., list, .., iterable] -> [.., list, ..]`: pops iterable, extends the i-th item.
    ListExtend = 51: U16,
    /// As `ListExtend`, for sets (`{*a, *b}`).
    SetUpdate = 52: U16,
    /// `[.., dict, .., mapping] -> [.., dict, ..]`: `dict.update(mapping)` (`{**a}`).
    DictUpdate = 53: U16,
    /// As `DictUpdate` but TypeError on a duplicate key (`f(**a, **b)`).
    DictMerge = 54: U16,
    /// `[list] -> [tuple]`.
    ListToTuple = 55: None,
    /// `[seq] -> [x_n .. x_1]`: unpacks exactly n items; x_1 (the first item) ends on top.
    UnpackSequence = 56: U16,
    /// `[seq] -> [after_items.., list, before_items..]` for `a, *b, c = seq`. Operand =
    /// `before | (after << 8)`; the first item ends on top, the starred list in the middle.
    UnpackEx = 57: U16,
    /// `[f, a_1 .. a_n] -> [f(a_1 .. a_n)]`.
    Call = 58: U16,
    /// `[f, a_1 .. a_n, kwnames] -> [result]`: kwnames is a tuple of k str; the last k of the
    /// n arguments are passed by keyword with those names, in order.
    CallKw = 59: U16,
    /// `[m, self_or_NULL, a_1 .. a_n] -> [result]`: calls `m(self, a..)` or `m(a..)` if NULL.
    CallMethod = 60: U16,
    /// `[m, self_or_NULL, a_1 .. a_n, kwnames] -> [result]`, keyword rules as `CallKw`.
    CallMethodKw = 61: U16,
    /// `[f, args_tuple] -> [result]`, or `[f, args_tuple, kwargs_dict] -> [result]` when
    /// bit 0 of the operand is set (calls with `*` / `**`).
    CallEx = 62: U8,
    /// `[defaults?, kwdefaults?, closure?, code] -> [function]`. Operand bits: 0x01 a tuple
    /// of positional defaults, 0x02 a dict of keyword-only defaults, 0x04 a tuple of cells
    /// (the closure, in `freevars` order of the code). Pushed in that order, code on top.
    /// The function's globals are the current frame's globals; its name comes from the code.
    MakeFunction = 63: U8,
    /// `[] -> [__build_class__]`. Called as `__build_class__(body_fn, name, *bases, **kw)`.
    /// The body function runs with a fresh dict as its locals and returns either None or the
    /// `__class__` cell, which `__build_class__` fills with the new class.
    LoadBuildClass = 64: None,
    /// `[v] -> (return v)`. In a generator this finishes it (StopIteration(v) to the caller).
    ReturnValue = 65: None,
    /// Generators: `[v] -> [sent]`: suspends the frame yielding v; resumes with the value sent
    /// (None for `next()`), or raises the thrown exception at this point.
    YieldValue = 66: None,
    /// `[it, v] -> [result]`: delegates to `it` (`yield from` / `await`): sends v (or calls
    /// `next` when v is None and `it` has no `send`), and if `it` yields, suspends yielding
    /// that value with the instruction pointer left ON this instruction, so that on resume
    /// the sent value replaces v and delegation continues. When `it` finishes, pushes the
    /// StopIteration value. throw()/close() are forwarded to `it`.
    YieldFrom = 67: None,
    /// `[obj] -> [it]`: generators and coroutines unchanged, otherwise `iter(obj)`.
    GetYieldFromIter = 68: None,
    /// `[obj] -> [it]`: coroutine objects unchanged, else `obj.__await__()`.
    GetAwaitable = 69: None,
    /// `[obj] -> [obj.__aiter__()]`.
    GetAiter = 70: None,
    /// `[ait] -> [ait, ait.__anext__()]` (the awaitable; follow with GetAwaitable etc.).
    GetAnext = 71: None,
    /// Handler of `async for`: `[ait, exc] -> []` if exc is StopAsyncIteration (loop ends),
    /// otherwise re-raises exc.
    EndAsyncFor = 72: None,
    /// Operand 0: `[] -> ...` re-raises the exception being handled (RuntimeError if none).
    /// Operand 1: `[exc] -> ...` raises exc (a class is instantiated).
    /// Operand 2: `[exc, cause] -> ...` raises exc with `__cause__ = cause`.
    Raise = 73: U8,
    /// `[exc] -> ...`: re-raises exc unchanged (traceback kept).
    Reraise = 74: None,
    /// `[exc] -> [prev, exc]`: saves the currently handled exception (or None) and makes exc
    /// the handled one (what bare `raise` and `sys.exc_info()` see).
    PushExcInfo = 75: None,
    /// `[prev] -> []`: restores the handled exception saved by PushExcInfo.
    PopExcept = 76: None,
    /// `[exc, type] -> [exc, bool]`: isinstance-style match; `type` may be a tuple.
    CheckExcMatch = 77: None,
    /// `[prev, exc] -> ...`: restores `prev` as the handled exception and re-raises exc.
    /// Used by the cleanup handler that covers an except/finally body.
    ExcCleanup = 78: None,
    /// `[] -> [AssertionError]` (the class).
    LoadAssertionError = 79: None,
    /// `[mgr] -> [exit, enter_result]`: `exit` is `mgr.__exit__` bound, `enter_result` is
    /// the value of `mgr.__enter__()`.
    WithEnter = 80: None,
    /// `[exit, prev, exc] -> [exit, prev, exc, res]`: `res = exit(type(exc), exc, None)`.
    WithExcept = 81: None,
    /// `[mgr] -> [aexit, aenter_awaitable]` for `async with` (`mgr.__aexit__` bound and the
    /// result of `mgr.__aenter__()`; the compiler follows it with GetAwaitable/YieldFrom).
    AsyncWithEnter = 82: None,
    /// `[level, fromlist] -> [module]`: imports `names[i]` like `__import__(name,
    /// fromlist=fromlist, level=level)`: with an empty/None fromlist and a dotted name the
    /// top-level package is pushed.
    ImportName = 83: U16,
    /// `[module] -> [module, attr]`: `module.<names[i]>`, importing the submodule
    /// `module.__name__ + "." + name` if the attribute is missing; ImportError otherwise.
    ImportFrom = 84: U16,
    /// `[module] -> []`: copies the module's public names into the frame's locals.
    ImportStar = 85: None,
    /// REPL (`Mode::Single`) expression statements: `[v] -> []`; if v is not None prints
    /// `repr(v)` and stores it as `builtins._`.
    PrintExpr = 86: None,
    /// Superinstruction for `LoadFast a; LoadFast b` (locals below 256): `[] -> [a, b]`.
    /// Operand `a | (b << 8)`. UnboundLocalError as `LoadFast` for `a`, then for `b`; an
    /// error from the second half is reported at the instruction's offset + 1 (the line
    /// table may give that offset the second half's line).
    LoadFastLoadFast = 87: U16,
    /// Superinstruction for `StoreFast a; LoadFast b` (locals below 256): `[v] -> [b]`
    /// after `a = v`. Operand `a | (b << 8)`; errors of the load as for `LoadFastLoadFast`'s
    /// second half (offset + 1).
    StoreFastLoadFast = 88: U16,
    /// Superinstruction for `LoadSmallInt k; BinaryOp op` (k in -128..=127): `[a] -> [a op k]`.
    /// Operand `op | (k as u8) << 8` (the low byte is a `BinOp` operand). Every error it
    /// raises is the `BinaryOp`'s: reported at offset + 1.
    BinaryOpSmallInt = 89: U16,
    /// Superinstruction for `LoadSmallInt k; BinarySubscr`: `[obj] -> [obj[k]]`, operand `k`
    /// as `i16`. Every error it raises is the subscript's: reported at offset + 1.
    BinarySubscrSmallInt = 90: U16,
    /// Superinstruction for `LoadFast b; BinaryOp op` (slot below 256): `[a] -> [a op b]`.
    /// Operand `b | (op << 8)`. UnboundLocalError for `b` at the instruction's offset; the
    /// operator's errors at offset + 1.
    LoadFastBinaryOp = 91: U16,
    /// `[obj, key] -> [obj, key, obj[key]]`: the load half of `obj[key] op= x` (what
    /// `Copy 2; Copy 2; BinarySubscr` would do, in one dispatch). Emitted by the compiler.
    BinarySubscrKeep = 92: None,
    /// `[obj, key, value] -> []`: `obj[key] = value`, the store half of `obj[key] op= x`
    /// (what `Swap 3; Swap 2; StoreSubscr` would do, in one dispatch). Emitted by the compiler.
    StoreSubscrAug = 93: None,
    /// Superinstruction for `LoadFast a; LoadAttr n` (slot and name index below 256):
    /// `[] -> [a.<names[n]>]`. Operand `a | (n << 8)`. UnboundLocalError for `a` at the
    /// instruction's offset; the attribute's errors at offset + 1 (also the offset whose
    /// `Vm::attr_cache` slot the attribute lookup uses).
    LoadFastLoadAttr = 94: U16,
    /// Superinstruction for `LoadFast a; LoadMethod n` (both below 256): `[] -> [method,
    /// self_or_NULL]` as `LoadMethod` on local `a`. Operand and errors as `LoadFastLoadAttr`.
    LoadFastLoadMethod = 95: U16,
    /// Superinstruction for `LoadFast a; StoreAttr n` (both below 256): `[v] -> []`,
    /// `a.<names[n]> = v`. Operand and errors as `LoadFastLoadAttr`.
    LoadFastStoreAttr = 96: U16,
    /// Superinstruction for `LoadNone; ReturnValue`: returns None. (Neither half can raise.)
    ReturnNone = 97: None,
}

/// Operand of `UnaryOp`.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-a`
    Neg = 0,
    /// `+a`
    Pos = 1,
    /// `~a`
    Invert = 2,
    /// `not a`
    Not = 3,
}

impl UnOp {
    /// Decode the operand byte.
    pub const fn from_u8(b: u8) -> Option<UnOp> {
        Some(match b {
            0 => UnOp::Neg,
            1 => UnOp::Pos,
            2 => UnOp::Invert,
            3 => UnOp::Not,
            _ => return None,
        })
    }
}

/// Operand of `BinaryOp`. In-place forms are `INPLACE | op` (e.g. `+=` is `0x10 | Add`).
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add = 0,
    /// `-`
    Sub = 1,
    /// `*`
    Mul = 2,
    /// `/`
    TrueDiv = 3,
    /// `//`
    FloorDiv = 4,
    /// `%`
    Mod = 5,
    /// `**`
    Pow = 6,
    /// `<<`
    LShift = 7,
    /// `>>`
    RShift = 8,
    /// `&`
    And = 9,
    /// `|`
    Or = 10,
    /// `^`
    Xor = 11,
    /// `@`
    MatMul = 12,
}

impl BinOp {
    /// Flag added to the operand byte for augmented assignment (`a += b`).
    pub const INPLACE: u8 = 0x10;

    /// Decode an operand byte into (operator, in-place?) (one table load).
    #[inline(always)]
    pub const fn from_u8(b: u8) -> Option<(BinOp, bool)> {
        Self::DECODE[b as usize]
    }

    /// Operand byte -> (operator, in-place?).
    const DECODE: [Option<(BinOp, bool)>; 256] = {
        let mut t = [None; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = Self::decode(b as u8);
            b += 1;
        }
        t
    };

    const fn decode(b: u8) -> Option<(BinOp, bool)> {
        let inplace = b & Self::INPLACE != 0;
        let op = match b & 0x0f {
            0 => BinOp::Add,
            1 => BinOp::Sub,
            2 => BinOp::Mul,
            3 => BinOp::TrueDiv,
            4 => BinOp::FloorDiv,
            5 => BinOp::Mod,
            6 => BinOp::Pow,
            7 => BinOp::LShift,
            8 => BinOp::RShift,
            9 => BinOp::And,
            10 => BinOp::Or,
            11 => BinOp::Xor,
            12 => BinOp::MatMul,
            _ => return None,
        };
        if b & !(Self::INPLACE | 0x0f) != 0 {
            return None;
        }
        Some((op, inplace))
    }

    /// The operator's source form (`+`), for error messages and the disassembler.
    pub const fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
}

/// Operand of `CompareOp`.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `<`
    Lt = 0,
    /// `<=`
    Le = 1,
    /// `==`
    Eq = 2,
    /// `!=`
    Ne = 3,
    /// `>`
    Gt = 4,
    /// `>=`
    Ge = 5,
    /// `in`
    In = 6,
    /// `not in`
    NotIn = 7,
    /// `is`
    Is = 8,
    /// `is not`
    IsNot = 9,
}

impl CmpOp {
    /// Decode the operand byte (one table load).
    #[inline(always)]
    pub const fn from_u8(b: u8) -> Option<CmpOp> {
        Self::DECODE[b as usize]
    }

    /// Operand byte -> operator.
    const DECODE: [Option<CmpOp>; 256] = {
        let mut t = [None; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = Self::decode(b as u8);
            b += 1;
        }
        t
    };

    const fn decode(b: u8) -> Option<CmpOp> {
        Some(match b {
            0 => CmpOp::Lt,
            1 => CmpOp::Le,
            2 => CmpOp::Eq,
            3 => CmpOp::Ne,
            4 => CmpOp::Gt,
            5 => CmpOp::Ge,
            6 => CmpOp::In,
            7 => CmpOp::NotIn,
            8 => CmpOp::Is,
            9 => CmpOp::IsNot,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcode_bytes_round_trip_and_are_unique() {
        let mut seen = [false; 256];
        for &op in Op::ALL {
            let b = op as u8;
            assert!(!seen[b as usize], "duplicate discriminant {b}");
            seen[b as usize] = true;
            assert_eq!(Op::from_u8(b), Some(op));
        }
        assert_eq!(Op::from_u8(255), None);
    }

    #[test]
    fn binop_inplace_flag_decodes() {
        assert_eq!(BinOp::from_u8(0x10), Some((BinOp::Add, true)));
        assert_eq!(BinOp::from_u8(6), Some((BinOp::Pow, false)));
        assert_eq!(BinOp::from_u8(0x2f), None);
    }
}
