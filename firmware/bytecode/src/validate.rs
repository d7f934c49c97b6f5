//! Bytecode validation: the checks the VM relies on to decode and run a code object without
//! bounds checks.
//!
//! `validate` checks, for a code object and every nested one:
//! - every opcode byte is a known opcode and its operand is complete;
//! - operands are in range: constant, name and local-slot indices, operator kinds, counts
//!   that the instruction needs (`BuildSlice` 2 or 3, `Copy` >= 1, `Swap` >= 2, ...);
//! - jump targets and exception-table offsets are instruction boundaries;
//! - the operand-stack depth is the same on every path into an instruction, never negative
//!   and never above `max_stack` (exception handlers are entered at their entry's depth
//!   plus the pushed exception, and an entry's depth may not exceed the depth of any
//!   instruction it covers);
//! - no reachable instruction falls off the end of the code;
//! - only `Jump`, `PopJumpIfFalse` and `PopJumpIfTrue` may jump backwards (to their own
//!   offset or before): `JumpIfFalseOrPop`, `JumpIfTrueOrPop` and `ForIter` jump forward, so
//!   a VM that checks for pending events in those three when they jump backwards sees every
//!   loop iteration;
//! - cell slots (`*Deref`, `LoadClosure`) are made by `MakeCell` or are free-variable
//!   slots, and fast-local ops (the superinstructions' two slots included) never touch
//!   those slots;
//! - `YieldValue`/`YieldFrom` appear only in generator or coroutine code;
//! - the line table is strictly increasing.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::code::{CodeFlags, CodeObject, Const};
use crate::op::{BinOp, CmpOp, Op, Operand, UnOp};

/// Why a code object was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidateError {
    /// Qualified name of the code object.
    pub code: String,
    /// Byte offset of the offending instruction (0 for whole-object problems).
    pub offset: u32,
    /// What is wrong.
    pub msg: String,
}

impl fmt::Display for ValidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid bytecode in {} at offset {}: {}", self.code, self.offset, self.msg)
    }
}

/// Stack behaviour of one instruction.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct StackEffect {
    /// Minimum operand-stack depth needed before the instruction.
    pub need: u32,
    /// Depth change when execution continues with the next instruction (None if it never
    /// does: unconditional jumps, returns, raises).
    pub fall: Option<i32>,
    /// Depth change when the jump is taken (None for non-jumps).
    pub jump: Option<i32>,
}

const fn eff(pops: u32, pushes: u32) -> StackEffect {
    StackEffect { need: pops, fall: Some(pushes as i32 - pops as i32), jump: None }
}

const fn term(pops: u32) -> StackEffect {
    StackEffect { need: pops, fall: None, jump: None }
}

/// The stack effect of `op` with operand `arg`, or None if the operand is invalid for it.
pub fn stack_effect(op: Op, arg: u32) -> Option<StackEffect> {
    use Op::*;
    Some(match op {
        Nop | DeleteFast | DeleteDeref | DeleteGlobal | DeleteName | MakeCell => eff(0, 0),
        LoadConst | LoadSmallInt | LoadNone | LoadTrue | LoadFalse | LoadFast | LoadDeref | LoadClosure
        | LoadClassDeref | LoadGlobal | LoadName | LoadBuildClass | LoadAssertionError => eff(0, 1),
        StoreFast | StoreDeref | StoreGlobal | StoreName => eff(1, 0),
        LoadFastLoadFast => eff(0, 2),
        StoreFastLoadFast => eff(1, 1),
        BinaryOpSmallInt => {
            BinOp::from_u8((arg & 0xff) as u8)?;
            if arg > 0xffff {
                return None;
            }
            eff(1, 1)
        }
        BinarySubscrSmallInt => eff(1, 1),
        LoadFastBinaryOp => {
            BinOp::from_u8(u8::try_from(arg >> 8).ok()?)?;
            eff(1, 1)
        }
        LoadFastLoadAttr => eff(0, 1),
        LoadFastLoadMethod => eff(0, 2),
        LoadFastStoreAttr => eff(1, 0),
        LoadAttr => eff(1, 1),
        StoreAttr => eff(2, 0),
        DeleteAttr => eff(1, 0),
        LoadMethod => eff(1, 2),
        BinarySubscr => eff(2, 1),
        StoreSubscr | StoreSubscrAug => eff(3, 0),
        BinarySubscrKeep => eff(2, 3),
        DeleteSubscr => eff(2, 0),
        BuildSlice => match arg {
            2 | 3 => eff(arg, 1),
            _ => return None,
        },
        UnaryOp => {
            UnOp::from_u8(u8::try_from(arg).ok()?)?;
            eff(1, 1)
        }
        BinaryOp => {
            BinOp::from_u8(u8::try_from(arg).ok()?)?;
            eff(2, 1)
        }
        CompareOp => {
            CmpOp::from_u8(u8::try_from(arg).ok()?)?;
            eff(2, 1)
        }
        Pop => eff(1, 0),
        Copy => {
            if arg == 0 {
                return None;
            }
            StackEffect { need: arg, fall: Some(1), jump: None }
        }
        Swap => {
            if arg < 2 {
                return None;
            }
            StackEffect { need: arg, fall: Some(0), jump: None }
        }
        Jump => StackEffect { need: 0, fall: None, jump: Some(0) },
        PopJumpIfFalse | PopJumpIfTrue => StackEffect { need: 1, fall: Some(-1), jump: Some(-1) },
        JumpIfFalseOrPop | JumpIfTrueOrPop => StackEffect { need: 1, fall: Some(-1), jump: Some(0) },
        GetIter => eff(1, 1),
        ForIter => StackEffect { need: 1, fall: Some(1), jump: Some(-1) },
        BuildTuple | BuildList | BuildSet | BuildString => eff(arg, 1),
        BuildMap => eff(arg.checked_mul(2)?, 1),
        FormatValue => {
            if arg & !7 != 0 {
                return None;
            }
            if arg & 4 != 0 { eff(2, 1) } else { eff(1, 1) }
        }
        ListAppend | SetAdd | ListExtend | SetUpdate | DictUpdate | DictMerge => {
            if arg == 0 {
                return None;
            }
            StackEffect { need: arg.checked_add(1)?, fall: Some(-1), jump: None }
        }
        MapAdd => {
            if arg == 0 {
                return None;
            }
            StackEffect { need: arg.checked_add(2)?, fall: Some(-2), jump: None }
        }
        ListToTuple => eff(1, 1),
        UnpackSequence => eff(1, arg),
        UnpackEx => eff(1, (arg & 0xff) + (arg >> 8) + 1),
        Call => eff(arg.checked_add(1)?, 1),
        CallKw => eff(arg.checked_add(2)?, 1),
        CallMethod => eff(arg.checked_add(2)?, 1),
        CallMethodKw => eff(arg.checked_add(3)?, 1),
        CallEx => match arg {
            0 => eff(2, 1),
            1 => eff(3, 1),
            _ => return None,
        },
        MakeFunction => {
            if arg & !7 != 0 {
                return None;
            }
            eff(1 + (arg & 7).count_ones(), 1)
        }
        ReturnValue => term(1),
        ReturnNone => term(0),
        YieldValue => eff(1, 1),
        YieldFrom => eff(2, 1),
        GetYieldFromIter | GetAwaitable | GetAiter => eff(1, 1),
        GetAnext => eff(1, 2),
        EndAsyncFor => eff(2, 0),
        Raise => match arg {
            0..=2 => term(arg),
            _ => return None,
        },
        Reraise => term(1),
        PushExcInfo => eff(1, 2),
        PopExcept => eff(1, 0),
        CheckExcMatch => eff(2, 2),
        ExcCleanup => term(2),
        WithEnter | AsyncWithEnter => eff(1, 2),
        WithExcept => eff(3, 4),
        ImportName => eff(2, 1),
        ImportFrom => eff(1, 2),
        ImportStar => eff(1, 0),
        PrintExpr => eff(1, 0),
    })
}

/// One decoded instruction.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Instr {
    /// Byte offset.
    pub offset: u32,
    /// Opcode.
    pub op: Op,
    /// Operand (0 when there is none).
    pub arg: u32,
}

/// Decode the instruction at `offset`, or None if the byte is not an opcode or the operand
/// is truncated.
pub fn decode_at(code: &[u8], offset: usize) -> Option<Instr> {
    let op = Op::from_u8(*code.get(offset)?)?;
    let arg = match op.operand() {
        Operand::None => 0,
        Operand::U8 => *code.get(offset + 1)? as u32,
        Operand::U16 => u16::from_le_bytes([*code.get(offset + 1)?, *code.get(offset + 2)?]) as u32,
        Operand::Jump => u32::from_le_bytes([
            *code.get(offset + 1)?,
            *code.get(offset + 2)?,
            *code.get(offset + 3)?,
            *code.get(offset + 4)?,
        ]),
    };
    Some(Instr { offset: offset as u32, op, arg })
}

/// Validate a code object and, recursively, the code objects among its constants.
pub fn validate(code: &CodeObject) -> Result<(), ValidateError> {
    // Nested code objects are validated with an explicit work list (no recursion).
    let mut work: Vec<&CodeObject> = vec![code];
    while let Some(c) = work.pop() {
        validate_one(c)?;
        let mut consts: Vec<&Const> = c.consts.iter().collect();
        while let Some(k) = consts.pop() {
            match k {
                Const::Code(inner) => work.push(inner),
                Const::Tuple(items) => consts.extend(items.iter()),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Does `op` never continue with the next instruction?
pub fn is_terminator(op: Op) -> bool {
    matches!(op, Op::Jump | Op::ReturnValue | Op::ReturnNone | Op::Raise | Op::Reraise | Op::ExcCleanup)
}

/// Validate one code object (not its nested ones).
pub fn validate_one(c: &CodeObject) -> Result<(), ValidateError> {
    let fail = |offset: u32, msg: String| ValidateError { code: c.qualname.clone(), offset, msg };
    let code = &c.code[..];
    if code.len() > u32::MAX as usize / 2 {
        return Err(fail(0, String::from("code too large")));
    }
    let n_locals = c.n_locals as usize;
    if c.varnames.len() != n_locals {
        return Err(fail(0, format!("varnames has {} entries, n_locals is {}", c.varnames.len(), n_locals)));
    }
    if c.n_free > c.n_locals {
        return Err(fail(0, String::from("n_free > n_locals")));
    }
    if c.posonlyargcount > c.argcount {
        return Err(fail(0, String::from("posonlyargcount > argcount")));
    }
    let n_params = c.argcount as usize
        + c.kwonlyargcount as usize
        + c.flags.has(CodeFlags::VARARGS) as usize
        + c.flags.has(CodeFlags::VARKEYWORDS) as usize;
    if n_params > n_locals - c.n_free as usize {
        return Err(fail(0, String::from("parameters overlap free-variable slots")));
    }
    if code.is_empty() {
        return Err(fail(0, String::from("empty code")));
    }
    // Pass 1: decode, instruction boundaries, operand ranges.
    let mut boundary = vec![false; code.len() + 1];
    let mut instrs: Vec<Instr> = Vec::new();
    let mut cell_slots = vec![false; n_locals];
    for slot in cell_slots.iter_mut().skip(n_locals - c.n_free as usize) {
        *slot = true;
    }
    let mut off = 0usize;
    while off < code.len() {
        let Some(ins) = decode_at(code, off) else {
            return Err(fail(off as u32, String::from("invalid opcode or truncated operand")));
        };
        boundary[off] = true;
        if ins.op == Op::MakeCell && (ins.arg as usize) < n_locals {
            cell_slots[ins.arg as usize] = true;
        }
        instrs.push(ins);
        off += ins.op.size();
    }
    boundary[code.len()] = true;
    let is_gen = c.flags.has(CodeFlags::GENERATOR) || c.flags.has(CodeFlags::COROUTINE);
    for ins in &instrs {
        let a = ins.arg as usize;
        let bad = |what: &str| Err(fail(ins.offset, format!("{} operand {} out of range ({})", ins.op.name(), ins.arg, what)));
        match ins.op {
            Op::LoadConst if a >= c.consts.len() => return bad("consts"),
            Op::LoadGlobal
            | Op::StoreGlobal
            | Op::DeleteGlobal
            | Op::LoadName
            | Op::StoreName
            | Op::DeleteName
            | Op::LoadAttr
            | Op::StoreAttr
            | Op::DeleteAttr
            | Op::LoadMethod
            | Op::ImportName
            | Op::ImportFrom
                if a >= c.names.len() =>
            {
                return bad("names")
            }
            Op::LoadFast | Op::StoreFast | Op::DeleteFast => {
                if a >= n_locals {
                    return bad("locals");
                }
                if cell_slots[a] {
                    return Err(fail(ins.offset, format!("{} on cell slot {}", ins.op.name(), a)));
                }
            }
            Op::LoadFastLoadFast | Op::StoreFastLoadFast | Op::LoadFastBinaryOp => {
                let slots = if ins.op == Op::LoadFastBinaryOp { [a & 0xff, a & 0xff] } else { [a & 0xff, a >> 8] };
                for s in slots {
                    if s >= n_locals {
                        return bad("locals");
                    }
                    if cell_slots[s] {
                        return Err(fail(ins.offset, format!("{} on cell slot {}", ins.op.name(), s)));
                    }
                }
            }
            Op::LoadFastLoadAttr | Op::LoadFastLoadMethod | Op::LoadFastStoreAttr => {
                let (s, n) = (a & 0xff, a >> 8);
                if s >= n_locals {
                    return bad("locals");
                }
                if cell_slots[s] {
                    return Err(fail(ins.offset, format!("{} on cell slot {}", ins.op.name(), s)));
                }
                if n >= c.names.len() {
                    return bad("names");
                }
            }
            Op::LoadDeref | Op::StoreDeref | Op::DeleteDeref | Op::LoadClosure | Op::LoadClassDeref | Op::MakeCell => {
                if a >= n_locals {
                    return bad("locals");
                }
                if !cell_slots[a] {
                    return Err(fail(ins.offset, format!("{} on slot {} that is not a cell", ins.op.name(), a)));
                }
            }
            Op::Jump | Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop | Op::ForIter => {
                if a >= code.len() || !boundary[a] {
                    return Err(fail(ins.offset, format!("jump target {} is not an instruction", a)));
                }
                if !matches!(ins.op, Op::Jump | Op::PopJumpIfFalse | Op::PopJumpIfTrue) && a <= ins.offset as usize {
                    return Err(fail(ins.offset, format!("{} jumps backwards", ins.op.name())));
                }
            }
            Op::YieldValue | Op::YieldFrom if !is_gen => {
                return Err(fail(ins.offset, String::from("yield in a code object that is not a generator or coroutine")));
            }
            _ => {}
        }
        if stack_effect(ins.op, ins.arg).is_none() {
            return Err(fail(ins.offset, format!("invalid operand {} for {}", ins.arg, ins.op.name())));
        }
    }
    // Exception table.
    for e in &c.exc_table {
        let (s, en, h) = (e.start as usize, e.end as usize, e.handler as usize);
        if s >= en || en > code.len() || !boundary[s] || !boundary[en] || h >= code.len() || !boundary[h] {
            return Err(fail(e.start, format!("bad exception table entry {:?}", e)));
        }
        if e.depth as u32 + 1 > c.max_stack as u32 {
            return Err(fail(e.start, String::from("exception handler depth exceeds max_stack")));
        }
    }
    // Line table.
    for w in c.lines.windows(2) {
        if w[0].0 >= w[1].0 {
            return Err(fail(w[1].0, String::from("line table offsets not increasing")));
        }
    }
    // Pass 2: stack depth along every path.
    let index_of = |offset: usize| instrs.binary_search_by(|i| (i.offset as usize).cmp(&offset)).ok();
    let mut depth: Vec<Option<u32>> = vec![None; instrs.len()];
    let mut work: Vec<(usize, u32)> = vec![(0, 0)];
    let max = c.max_stack as u32;
    let handler_of = |offset: u32| c.exc_table.iter().find(|e| e.start <= offset && offset < e.end);
    while let Some((i, d)) = work.pop() {
        let Some(ins) = instrs.get(i) else {
            return Err(fail(code.len() as u32, String::from("execution falls off the end of the code")));
        };
        match depth[i] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(fail(ins.offset, format!("inconsistent stack depth ({} vs {})", old, d)));
            }
            None => depth[i] = Some(d),
        }
        let Some(se) = stack_effect(ins.op, ins.arg) else {
            return Err(fail(ins.offset, String::from("invalid operand")));
        };
        if d < se.need {
            return Err(fail(ins.offset, format!("stack underflow: {} needs {}, depth {}", ins.op.name(), se.need, d)));
        }
        if d > max {
            return Err(fail(ins.offset, format!("stack depth {} exceeds max_stack {}", d, max)));
        }
        if let Some(h) = handler_of(ins.offset) {
            if h.depth as u32 > d {
                return Err(fail(ins.offset, format!("handler depth {} above stack depth {}", h.depth, d)));
            }
            let Some(hi) = index_of(h.handler as usize) else {
                return Err(fail(ins.offset, String::from("bad handler")));
            };
            work.push((hi, h.depth as u32 + 1));
        }
        let apply = |delta: i32| -> Result<u32, ValidateError> {
            let nd = d as i64 + delta as i64;
            if nd < 0 || nd > max as i64 {
                return Err(fail(ins.offset, format!("stack depth {} out of range after {}", nd, ins.op.name())));
            }
            Ok(nd as u32)
        };
        if let Some(j) = se.jump {
            let nd = apply(j)?;
            let Some(ti) = index_of(ins.arg as usize) else {
                return Err(fail(ins.offset, String::from("bad jump target")));
            };
            work.push((ti, nd));
        }
        if let Some(f) = se.fall {
            let nd = apply(f)?;
            work.push((i + 1, nd));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::ExcEntry;
    use alloc::string::ToString;

    fn code(bytes: &[u8]) -> CodeObject {
        CodeObject {
            name: "t".to_string(),
            qualname: "t".to_string(),
            code: bytes.to_vec(),
            max_stack: 2,
            consts: alloc::vec![Const::None],
            names: alloc::vec!["x".to_string()],
            ..Default::default()
        }
    }

    const RET_NONE: [u8; 2] = [Op::LoadNone as u8, Op::ReturnValue as u8];

    #[test]
    fn accepts_minimal() {
        assert_eq!(validate(&code(&RET_NONE)), Ok(()));
    }

    #[test]
    fn rejects_bad_opcode_and_truncation() {
        assert!(validate(&code(&[250])).is_err());
        assert!(validate(&code(&[Op::LoadConst as u8, 0])).is_err());
        assert!(validate(&code(&[])).is_err());
    }

    #[test]
    fn rejects_out_of_range_operands() {
        assert!(validate(&code(&[Op::LoadConst as u8, 1, 0, Op::ReturnValue as u8])).is_err());
        assert!(validate(&code(&[Op::LoadName as u8, 1, 0, Op::ReturnValue as u8])).is_err());
        assert!(validate(&code(&[Op::LoadFast as u8, 0, 0, Op::ReturnValue as u8])).is_err());
        assert!(validate(&code(&[Op::LoadNone as u8, Op::LoadNone as u8, Op::BuildSlice as u8, 4, Op::ReturnValue as u8])).is_err());
        assert!(validate(&code(&[Op::LoadNone as u8, Op::Copy as u8, 0, Op::ReturnValue as u8])).is_err());
    }

    #[test]
    fn rejects_stack_errors() {
        // Underflow.
        assert!(validate(&code(&[Op::ReturnValue as u8])).is_err());
        // Above max_stack.
        let mut c = code(&[Op::LoadNone as u8, Op::LoadNone as u8, Op::LoadNone as u8, Op::ReturnValue as u8]);
        assert!(validate(&c).is_err());
        c.max_stack = 3;
        assert!(validate(&c).is_ok());
        // Falling off the end.
        assert!(validate(&code(&[Op::LoadNone as u8])).is_err());
        // Inconsistent depth at a merge: `LoadTrue; PopJumpIfFalse L; LoadNone; L: LoadNone; ReturnValue`.
        let j = 1 + 1 + 4 + 1;
        let mut b = alloc::vec![Op::LoadTrue as u8, Op::PopJumpIfFalse as u8];
        b.extend_from_slice(&(j as u32).to_le_bytes());
        b.extend_from_slice(&[Op::LoadNone as u8, Op::LoadNone as u8, Op::ReturnValue as u8]);
        let e = validate(&code(&b)).unwrap_err();
        assert!(e.msg.contains("inconsistent"), "{e}");
    }

    #[test]
    fn rejects_bad_jumps() {
        // Into the middle of an instruction.
        let mut b = alloc::vec![Op::Jump as u8];
        b.extend_from_slice(&2u32.to_le_bytes());
        b.extend_from_slice(&RET_NONE);
        assert!(validate(&code(&b)).is_err());
        // Conditional backward jump that keeps its operand (`PopJumpIf*` may jump back).
        let mut b = alloc::vec![Op::LoadTrue as u8, Op::JumpIfTrueOrPop as u8];
        b.extend_from_slice(&0u32.to_le_bytes());
        b.extend_from_slice(&RET_NONE);
        let e = validate(&code(&b)).unwrap_err();
        assert!(e.msg.contains("backwards"), "{e}");
    }

    #[test]
    fn checks_exception_table() {
        // LoadNone; ReturnValue; handler: Pop; LoadNone; ReturnValue
        let b = [Op::LoadNone as u8, Op::ReturnValue as u8, Op::Pop as u8, Op::LoadNone as u8, Op::ReturnValue as u8];
        let mut c = code(&b);
        c.exc_table = alloc::vec![ExcEntry { start: 0, end: 1, handler: 2, depth: 0 }];
        assert_eq!(validate(&c), Ok(()));
        c.exc_table[0].handler = 5;
        assert!(validate(&c).is_err());
        // Handler depth above the covered instruction's depth.
        c.exc_table[0] = ExcEntry { start: 0, end: 1, handler: 2, depth: 1 };
        assert!(validate(&c).is_err());
    }

    #[test]
    fn checks_cells_and_yield() {
        let mut c = code(&[Op::LoadDeref as u8, 0, 0, Op::ReturnValue as u8]);
        c.n_locals = 1;
        c.varnames = alloc::vec!["a".to_string()];
        assert!(validate(&c).is_err());
        c.code = alloc::vec![Op::MakeCell as u8, 0, 0, Op::LoadDeref as u8, 0, 0, Op::ReturnValue as u8];
        assert_eq!(validate(&c), Ok(()));
        c.code = alloc::vec![Op::MakeCell as u8, 0, 0, Op::LoadFast as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).is_err());
        let mut g = code(&[Op::LoadNone as u8, Op::YieldValue as u8, Op::ReturnValue as u8]);
        assert!(validate(&g).is_err());
        g.flags = CodeFlags(CodeFlags::GENERATOR | CodeFlags::FUNCTION);
        assert_eq!(validate(&g), Ok(()));
    }

    #[test]
    fn checks_fused_local_pairs() {
        let mut c = code(&[Op::LoadFastLoadFast as u8, 0, 1, Op::Pop as u8, Op::ReturnValue as u8]);
        c.n_locals = 2;
        c.varnames = alloc::vec!["a".to_string(), "b".to_string()];
        assert_eq!(validate(&c), Ok(()));
        // Second slot out of range, first slot out of range.
        c.code[2] = 2;
        assert!(validate(&c).unwrap_err().msg.contains("locals"));
        c.code[1] = 2;
        c.code[2] = 0;
        assert!(validate(&c).is_err());
        // Pushes two: needs max_stack 2.
        c.code[1] = 0;
        c.max_stack = 1;
        assert!(validate(&c).is_err());
        c.max_stack = 2;
        // A cell slot in either half.
        c.code = alloc::vec![Op::MakeCell as u8, 1, 0, Op::LoadFastLoadFast as u8, 0, 1, Op::Pop as u8, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("cell slot"));
        c.code = alloc::vec![Op::MakeCell as u8, 1, 0, Op::LoadFastLoadFast as u8, 1, 0, Op::Pop as u8, Op::ReturnValue as u8];
        assert!(validate(&c).is_err());
        // StoreFastLoadFast needs a value to store and leaves one.
        c.code = alloc::vec![Op::StoreFastLoadFast as u8, 0, 1, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("underflow"));
        c.code = alloc::vec![Op::LoadNone as u8, Op::StoreFastLoadFast as u8, 0, 1, Op::ReturnValue as u8];
        assert_eq!(validate(&c), Ok(()));
        c.code = alloc::vec![Op::LoadNone as u8, Op::StoreFastLoadFast as u8, 1, 2, Op::ReturnValue as u8];
        assert!(validate(&c).is_err());
        // Truncated operand.
        c.code = alloc::vec![Op::LoadNone as u8, Op::StoreFastLoadFast as u8, 0];
        assert!(validate(&c).is_err());
    }

    #[test]
    fn checks_fused_small_int_ops() {
        // `[a] -> [a op k]`: a valid operator byte (in-place too), any k.
        let ok = [Op::LoadNone as u8, Op::BinaryOpSmallInt as u8, 0x10, 0xff, Op::ReturnValue as u8];
        assert_eq!(validate(&code(&ok)), Ok(()));
        let mut bad = ok;
        bad[2] = 13;
        assert!(validate(&code(&bad)).unwrap_err().msg.contains("invalid operand"));
        bad[2] = 0x20;
        assert!(validate(&code(&bad)).is_err());
        // Needs an operand on the stack.
        assert!(validate(&code(&[Op::BinaryOpSmallInt as u8, 0, 1, Op::ReturnValue as u8])).is_err());
        assert!(validate(&code(&[Op::BinarySubscrSmallInt as u8, 0, 1, Op::ReturnValue as u8])).is_err());
        assert_eq!(validate(&code(&[Op::LoadNone as u8, Op::BinarySubscrSmallInt as u8, 0xff, 0xff, Op::ReturnValue as u8])), Ok(()));
        // Truncated.
        assert!(validate(&code(&[Op::LoadNone as u8, Op::BinarySubscrSmallInt as u8, 0])).is_err());
        // Augmented-subscript halves: stack needs and growth.
        assert!(validate(&code(&[Op::LoadNone as u8, Op::BinarySubscrKeep as u8, Op::ReturnValue as u8])).is_err());
        let mut c = code(&[Op::LoadNone as u8, Op::LoadNone as u8, Op::BinarySubscrKeep as u8, Op::ReturnValue as u8]);
        assert!(validate(&c).is_err(), "max_stack 2 is too small");
        c.max_stack = 3;
        assert_eq!(validate(&c), Ok(()));
        c.code = alloc::vec![Op::LoadNone as u8, Op::LoadNone as u8, Op::BinarySubscrKeep as u8, Op::StoreSubscrAug as u8, Op::LoadNone as u8, Op::ReturnValue as u8];
        assert_eq!(validate(&c), Ok(()));
        c.code = alloc::vec![Op::LoadNone as u8, Op::LoadNone as u8, Op::StoreSubscrAug as u8, Op::LoadNone as u8, Op::ReturnValue as u8];
        assert!(validate(&c).is_err());
    }

    #[test]
    fn checks_fused_local_binary_op() {
        let mut c = code(&[Op::LoadNone as u8, Op::LoadFastBinaryOp as u8, 0, 0x12, Op::ReturnValue as u8]);
        c.n_locals = 1;
        c.varnames = alloc::vec!["a".to_string()];
        assert_eq!(validate(&c), Ok(()));
        // Slot out of range, bad operator, cell slot, nothing to operate on.
        c.code[2] = 1;
        assert!(validate(&c).unwrap_err().msg.contains("locals"));
        c.code[2] = 0;
        c.code[3] = 0x0d;
        assert!(validate(&c).unwrap_err().msg.contains("invalid operand"));
        c.code = alloc::vec![Op::MakeCell as u8, 0, 0, Op::LoadNone as u8, Op::LoadFastBinaryOp as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("cell slot"));
        c.code = alloc::vec![Op::LoadFastBinaryOp as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("underflow"));
    }

    #[test]
    fn checks_fused_local_attr_ops() {
        // `LoadFastLoadAttr a|n<<8`: `[] -> [a.n]`; `LoadFastLoadMethod`: `[] -> [m, self]`;
        // `LoadFastStoreAttr`: `[v] -> []`.
        let mut c = code(&[Op::LoadFastLoadAttr as u8, 0, 0, Op::ReturnValue as u8]);
        c.n_locals = 1;
        c.varnames = alloc::vec!["a".to_string()];
        assert_eq!(validate(&c), Ok(()));
        // Slot out of range, name out of range.
        c.code[1] = 1;
        assert!(validate(&c).unwrap_err().msg.contains("locals"));
        c.code[1] = 0;
        c.code[2] = 1;
        assert!(validate(&c).unwrap_err().msg.contains("names"));
        // A cell slot.
        c.code = alloc::vec![Op::MakeCell as u8, 0, 0, Op::LoadFastLoadAttr as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("cell slot"));
        // Truncated operand.
        c.code = alloc::vec![Op::LoadFastLoadAttr as u8, 0];
        assert!(validate(&c).is_err());
        // LoadFastLoadMethod pushes two (then `CallMethod 0` leaves one).
        c.code = alloc::vec![Op::LoadFastLoadMethod as u8, 0, 0, Op::CallMethod as u8, 0, 0, Op::ReturnValue as u8];
        assert_eq!(validate(&c), Ok(()));
        c.max_stack = 1;
        assert!(validate(&c).unwrap_err().msg.contains("stack depth 2 out of range"));
        c.max_stack = 2;
        c.code = alloc::vec![Op::LoadFastLoadMethod as u8, 0, 1, Op::CallMethod as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("names"));
        c.code = alloc::vec![Op::LoadFastLoadMethod as u8, 1, 0, Op::CallMethod as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("locals"));
        c.code = alloc::vec![Op::MakeCell as u8, 0, 0, Op::LoadFastLoadMethod as u8, 0, 0, Op::CallMethod as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("cell slot"));
        // LoadFastStoreAttr needs the value to store and leaves nothing.
        c.code = alloc::vec![Op::LoadFastStoreAttr as u8, 0, 0, Op::ReturnNone as u8];
        assert!(validate(&c).unwrap_err().msg.contains("underflow"));
        c.code = alloc::vec![Op::LoadNone as u8, Op::LoadFastStoreAttr as u8, 0, 0, Op::ReturnNone as u8];
        assert_eq!(validate(&c), Ok(()));
        c.code = alloc::vec![Op::LoadNone as u8, Op::LoadFastStoreAttr as u8, 0, 0, Op::ReturnValue as u8];
        assert!(validate(&c).unwrap_err().msg.contains("underflow"));
        c.code = alloc::vec![Op::LoadNone as u8, Op::LoadFastStoreAttr as u8, 0, 1, Op::ReturnNone as u8];
        assert!(validate(&c).unwrap_err().msg.contains("names"));
        c.code = alloc::vec![Op::LoadNone as u8, Op::LoadFastStoreAttr as u8, 2, 0, Op::ReturnNone as u8];
        assert!(validate(&c).unwrap_err().msg.contains("locals"));
    }

    #[test]
    fn checks_return_none() {
        // Returns without popping; nothing may follow on its path.
        assert_eq!(validate(&code(&[Op::ReturnNone as u8])), Ok(()));
        assert!(is_terminator(Op::ReturnNone));
        // A value left on the stack is fine (like ReturnValue's caller-side truncation).
        assert_eq!(validate(&code(&[Op::LoadNone as u8, Op::ReturnNone as u8])), Ok(()));
        // Code after it is not reached through it: execution cannot fall off the end.
        let mut b = alloc::vec![Op::LoadTrue as u8, Op::PopJumpIfFalse as u8];
        b.extend_from_slice(&7u32.to_le_bytes());
        b.extend_from_slice(&[Op::ReturnNone as u8, Op::LoadNone as u8]);
        assert!(validate(&code(&b)).unwrap_err().msg.contains("falls off"));
    }

    #[test]
    fn validates_nested_code() {
        let mut outer = code(&[Op::LoadConst as u8, 1, 0, Op::ReturnValue as u8]);
        outer.consts.push(Const::Code(alloc::boxed::Box::new(code(&[Op::ReturnValue as u8]))));
        assert!(validate(&outer).is_err());
    }

    #[test]
    fn stack_effects_cover_every_op() {
        for &op in Op::ALL {
            let arg = match op {
                Op::BuildSlice => 2,
                Op::Copy | Op::ListAppend | Op::SetAdd | Op::MapAdd | Op::ListExtend | Op::SetUpdate | Op::DictUpdate | Op::DictMerge => 1,
                Op::Swap => 2,
                _ => 0,
            };
            assert!(stack_effect(op, arg).is_some(), "{:?}", op);
        }
    }
}
