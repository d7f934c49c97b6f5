//! Assembly: labelled instructions → bytes. Threads jumps to jumps, drops unreachable code
//! and jumps to the next instruction, turns "conditional jump over a jump" into one inverted
//! conditional jump, computes the exact maximum stack depth, and builds the exception and
//! line tables.
//!
//! Contract with the VM: every backward jump is an unconditional `Jump` (conditional jumps
//! and `ForIter` only ever jump forward), so checking for pending events (Ctrl-C, scheduled
//! callbacks) in `Jump` when the target is not after it covers every loop.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use upy_bytecode::validate::{is_terminator, stack_effect};
use upy_bytecode::{CodeFlags, CodeObject, ExcEntry, Op, Operand};

use super::{Instr, Unit, UNBOUND};
use crate::error::{CResult, CompileError};

fn is_jump(op: Op) -> bool {
    op.operand() == Operand::Jump
}

fn internal(msg: &str) -> CompileError {
    CompileError::syntax(alloc::format!("internal compiler error: {msg}"), 0, 0)
}

pub(crate) fn assemble(u: Unit<'_>, filename: &str) -> CResult<CodeObject> {
    let line0 = u.first_line;
    let mut ins: Vec<Instr> = u.instrs;
    let n = ins.len();
    // Labels → instruction indices.
    for i in &mut ins {
        if is_jump(i.op) {
            let t = u.labels.get(i.arg as usize).copied().unwrap_or(UNBOUND);
            if t == UNBOUND {
                return Err(internal("unbound label"));
            }
            i.arg = t;
        }
    }
    let mut handlers: Vec<(u32, u32)> = Vec::with_capacity(u.handlers.len());
    for &(l, d) in &u.handlers {
        let t = u.labels.get(l as usize).copied().unwrap_or(UNBOUND);
        if t == UNBOUND {
            return Err(internal("unbound handler label"));
        }
        handlers.push((t, d));
    }
    // Jump threading: a jump to an unconditional jump goes straight to its target.
    for i in 0..n {
        if !is_jump(ins[i].op) {
            continue;
        }
        let mut t = ins[i].arg as usize;
        let mut hops = 0;
        let conditional = ins[i].op != Op::Jump;
        while t < n && ins[t].op == Op::Jump && t != i && hops < 16 {
            let next = ins[t].arg as usize;
            if conditional && next <= i {
                break; // conditional jumps stay forward
            }
            t = next;
            hops += 1;
        }
        ins[i].arg = t as u32;
    }
    let handler_target: Vec<bool> = {
        let mut v = vec![false; n + 1];
        for &(t, _) in &handlers {
            if (t as usize) <= n {
                v[t as usize] = true;
            }
        }
        v
    };
    // Reachability, then peephole removal, repeated until stable.
    let mut keep = vec![false; n];
    let mut removed = vec![false; n];
    loop {
        // Reachable instructions.
        for k in keep.iter_mut() {
            *k = false;
        }
        let mut work: Vec<usize> = vec![0];
        while let Some(i) = work.pop() {
            let mut i = i;
            loop {
                while i < n && removed[i] {
                    i += 1;
                }
                if i >= n || keep[i] {
                    break;
                }
                keep[i] = true;
                let x = ins[i];
                if x.handler != 0
                    && let Some(&(t, _)) = handlers.get(x.handler as usize - 1) {
                        work.push(t as usize);
                    }
                if is_jump(x.op) {
                    work.push(x.arg as usize);
                }
                if is_terminator(x.op) {
                    break;
                }
                i += 1;
            }
        }
        // Unreachable code stays unreachable: drop it for good, so that removing a jump
        // below never makes execution fall into it.
        for k in 0..n {
            if !keep[k] {
                removed[k] = true;
            }
        }
        let next_kept = |from: usize, keep: &[bool]| -> usize {
            let mut j = from;
            while j < n && !keep[j] {
                j += 1;
            }
            j
        };
        let mut targeted = vec![0u32; n + 1];
        for (k, y) in ins.iter().enumerate() {
            if keep[k] && is_jump(y.op) && (y.arg as usize) <= n {
                targeted[y.arg as usize] += 1;
            }
        }
        let mut changed = false;
        let mut i = 0;
        while i < n {
            if !keep[i] {
                i += 1;
                continue;
            }
            let x = ins[i];
            let nx = next_kept(i + 1, &keep);
            if x.op == Op::Jump && next_kept(x.arg as usize, &keep) == nx {
                removed[i] = true;
                keep[i] = false;
                changed = true;
            } else if matches!(x.op, Op::PopJumpIfFalse | Op::PopJumpIfTrue)
                && nx < n
                && ins[nx].op == Op::Jump
                && ins[nx].arg as usize > i
                && !handler_target[nx]
                && next_kept(x.arg as usize, &keep) == next_kept(nx + 1, &keep)
                && targeted[nx] == 0
            {
                ins[i].op = if x.op == Op::PopJumpIfFalse { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse };
                ins[i].arg = ins[nx].arg;
                removed[nx] = true;
                keep[nx] = false;
                changed = true;
            }
            i += 1;
        }
        if !changed {
            break;
        }
    }
    let line2 = fuse_pairs(&mut ins, &mut keep, &handlers);
    // Final order and offsets.
    let mut order: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    if order.is_empty() {
        return Err(internal("empty code"));
    }
    // Every code object ends with a ReturnValue, even when the end is unreachable (an
    // endless loop): append `LoadNone; ReturnValue` (never executed) in that case.
    let mut ends_unreachable = false;
    if order.last().is_some_and(|&i| !matches!(ins[i].op, Op::ReturnValue | Op::ReturnNone)) {
        let line = order.last().map(|&i| ins[i].line).unwrap_or(0);
        for op in [Op::LoadNone, Op::ReturnValue] {
            ins.push(Instr { op, arg: 0, line, handler: 0 });
            keep.push(true);
            order.push(ins.len() - 1);
        }
        ends_unreachable = true;
    }
    let n = ins.len();
    let mut offset_of = vec![u32::MAX; n + 1];
    let mut off: u64 = 0;
    for &i in &order {
        offset_of[i] = off as u32;
        off += ins[i].op.size() as u64;
        if off > (u32::MAX / 2) as u64 {
            return Err(CompileError::syntax("code object too large", ins[i].line, 1));
        }
    }
    let code_len = off as u32;
    // Offset of the first kept instruction at or after index t.
    let mut resolve = vec![code_len; n + 1];
    {
        let mut nxt = code_len;
        for t in (0..n).rev() {
            if keep[t] {
                nxt = offset_of[t];
            }
            resolve[t] = nxt;
        }
    }
    let resolve_idx = |t: u32| -> u32 { resolve.get(t as usize).copied().unwrap_or(code_len) };
    // Encode.
    let mut code: Vec<u8> = Vec::with_capacity(code_len as usize);
    for &i in &order {
        let x = ins[i];
        code.push(x.op as u8);
        match x.op.operand() {
            Operand::None => {}
            Operand::U8 => {
                if x.arg > u8::MAX as u32 {
                    return Err(CompileError::syntax("too many items (operand out of range)", x.line, 1));
                }
                code.push(x.arg as u8);
            }
            Operand::U16 => {
                if x.arg > u16::MAX as u32 {
                    let what = match x.op {
                        Op::LoadConst => "too many constants",
                        Op::LoadFast | Op::StoreFast | Op::LoadDeref | Op::StoreDeref => "too many local variables",
                        Op::LoadGlobal | Op::LoadName | Op::StoreName | Op::LoadAttr | Op::LoadMethod => "too many names",
                        _ => "too many items (operand out of range)",
                    };
                    return Err(CompileError::syntax(what, x.line, 1));
                }
                code.extend_from_slice(&(x.arg as u16).to_le_bytes());
            }
            Operand::Jump => {
                let t = resolve_idx(x.arg);
                if t >= code_len {
                    return Err(internal("jump past the end"));
                }
                code.extend_from_slice(&t.to_le_bytes());
            }
        }
    }
    // Exception table: runs of instructions with the same handler.
    let mut exc_table: Vec<ExcEntry> = Vec::new();
    let mut run: Option<(u32, u32, u32)> = None; // (handler, start, end)
    for &i in &order {
        let x = ins[i];
        let start = offset_of[i];
        let end = start + x.op.size() as u32;
        match run {
            Some((h, s, _)) if h == x.handler => run = Some((h, s, end)),
            _ => {
                if let Some((h, s, e)) = run {
                    push_entry(&mut exc_table, &handlers, h, s, e, &resolve_idx)?;
                }
                run = if x.handler != 0 { Some((x.handler, start, end)) } else { None };
            }
        }
    }
    if let Some((h, s, e)) = run {
        push_entry(&mut exc_table, &handlers, h, s, e, &resolve_idx)?;
    }
    // Line table.
    let mut lines: Vec<(u32, u32)> = Vec::new();
    let mut last = 0u32;
    for &i in &order {
        let l = ins[i].line;
        if l != 0 && l != last {
            lines.push((offset_of[i], l));
            last = l;
        }
        // A superinstruction's second half reports errors at offset + 1, with its own line.
        let l2 = line2.get(i).copied().unwrap_or(0);
        if l2 != 0 && l2 != last {
            lines.push((offset_of[i] + 1, l2));
            last = l2;
        }
    }
    // Maximum stack depth by flow analysis over the final instruction order.
    let mut max_stack = max_stack(&ins, &order, &keep, &handlers)?;
    if ends_unreachable {
        max_stack = max_stack.max(1);
    }
    if max_stack > u16::MAX as u32 {
        return Err(CompileError::syntax("expression too complex (stack too deep)", line0, 1));
    }
    let mut flags = u.flags;
    if u.kind == crate::symtable::ScopeKind::Module {
        flags |= CodeFlags::MODULE;
    }
    // The code object outlives the compilation (and is alive while the rest of the module
    // is compiled): no spare capacity.
    let (mut varnames, mut names, mut consts) = (u.varnames, u.names, u.consts);
    varnames.shrink_to_fit();
    names.shrink_to_fit();
    consts.shrink_to_fit();
    exc_table.shrink_to_fit();
    lines.shrink_to_fit();
    Ok(CodeObject {
        name: u.name,
        qualname: u.qualname,
        filename: String::from(filename),
        first_line: line0,
        flags: CodeFlags(flags),
        argcount: u.argcount as u16,
        posonlyargcount: u.posonly as u16,
        kwonlyargcount: u.kwonly as u16,
        n_locals: varnames.len() as u16,
        n_free: u.n_free as u16,
        max_stack: max_stack as u16,
        varnames,
        names,
        consts,
        code,
        exc_table,
        lines,
    })
}

/// Superinstructions (op.rs): fuse `LoadFast a; LoadFast b` and `StoreFast a; LoadFast b`
/// (slots below 256), `LoadSmallInt k; BinaryOp` (k fits i8), `LoadSmallInt k;
/// BinarySubscr`, `LoadFast b; BinaryOp`, `LoadFast a; LoadAttr/LoadMethod/StoreAttr n`
/// (slot and name below 256) and `LoadNone; ReturnValue` into one instruction (pairs are
/// taken left to right, which fuses as many pairs as possible), in place: the first becomes the fused one and
/// the second is dropped. Only when the second is not where a jump or an exception handler
/// lands (it would then have to exist on its own) and both have the same handler (the fused
/// instruction has one offset range). Returns, per instruction index, the line of a fused
/// second half (0 for none), for the line table.
fn fuse_pairs(ins: &mut [Instr], keep: &mut [bool], handlers: &[(u32, u32)]) -> Vec<u32> {
    let n = ins.len();
    let mut line2 = vec![0u32; n];
    let next = next_kept(keep);
    let mut landing = vec![false; n + 1];
    for (k, y) in ins.iter().enumerate() {
        if keep[k] && is_jump(y.op) {
            landing[next.get(y.arg as usize).copied().unwrap_or(n)] = true;
        }
    }
    for &(t, _) in handlers {
        landing[next.get(t as usize).copied().unwrap_or(n)] = true;
    }
    let mut i = 0;
    while i < n {
        if !keep[i] {
            i += 1;
            continue;
        }
        let j = next[i + 1];
        if j >= n {
            break;
        }
        let (x, y) = (ins[i], ins[j]);
        let k = x.arg as u16 as i16;
        let fused = match (x.op, y.op) {
            (Op::LoadFast, Op::LoadFast) if x.arg < 256 && y.arg < 256 => Some((Op::LoadFastLoadFast, x.arg | (y.arg << 8))),
            (Op::StoreFast, Op::LoadFast) if x.arg < 256 && y.arg < 256 => Some((Op::StoreFastLoadFast, x.arg | (y.arg << 8))),
            (Op::LoadSmallInt, Op::BinaryOp) if (-128..=127).contains(&k) && y.arg < 256 => {
                Some((Op::BinaryOpSmallInt, y.arg | ((k as i8 as u8 as u32) << 8)))
            }
            (Op::LoadSmallInt, Op::BinarySubscr) => Some((Op::BinarySubscrSmallInt, x.arg)),
            (Op::LoadFast, Op::BinaryOp) if x.arg < 256 && y.arg < 256 => Some((Op::LoadFastBinaryOp, x.arg | (y.arg << 8))),
            (Op::LoadFast, Op::LoadAttr) if x.arg < 256 && y.arg < 256 => Some((Op::LoadFastLoadAttr, x.arg | (y.arg << 8))),
            (Op::LoadFast, Op::LoadMethod) if x.arg < 256 && y.arg < 256 => Some((Op::LoadFastLoadMethod, x.arg | (y.arg << 8))),
            (Op::LoadFast, Op::StoreAttr) if x.arg < 256 && y.arg < 256 => Some((Op::LoadFastStoreAttr, x.arg | (y.arg << 8))),
            (Op::LoadNone, Op::ReturnValue) => Some((Op::ReturnNone, 0)),
            _ => None,
        };
        match fused {
            Some((f, arg)) if !landing[j] && x.handler == y.handler => {
                ins[i].op = f;
                ins[i].arg = arg;
                // A one-byte instruction has no offset + 1 inside it: `ReturnNone`'s halves
                // cannot raise, so its second half needs no line of its own.
                if f.size() > 1 {
                    line2[i] = y.line;
                }
                keep[j] = false;
                i = j + 1;
            }
            _ => i = j,
        }
    }
    line2
}

fn push_entry(
    table: &mut Vec<ExcEntry>,
    handlers: &[(u32, u32)],
    h: u32,
    start: u32,
    end: u32,
    resolve: &dyn Fn(u32) -> u32,
) -> CResult<()> {
    let Some(&(t, d)) = handlers.get(h as usize - 1) else { return Err(internal("bad handler index")) };
    if d > u16::MAX as u32 {
        return Err(CompileError::syntax("expression too complex (stack too deep)", 0, 0));
    }
    table.push(ExcEntry { start, end, handler: resolve(t), depth: d as u16 });
    Ok(())
}

/// Per instruction index t (and n, the end), the index of the first kept instruction at or
/// after t: where a jump to t lands.
fn next_kept(keep: &[bool]) -> Vec<usize> {
    let n = keep.len();
    let mut next = vec![n; n + 1];
    let mut nx = n;
    for t in (0..n).rev() {
        if keep[t] {
            nx = t;
        }
        next[t] = nx;
    }
    next
}

fn max_stack(ins: &[Instr], order: &[usize], keep: &[bool], handlers: &[(u32, u32)]) -> CResult<u32> {
    let n = ins.len();
    let next = next_kept(keep);
    let mut depth: Vec<u32> = vec![u32::MAX; n];
    let mut max = 0u32;
    let start = order.first().copied().unwrap_or(0);
    let mut work: Vec<(usize, u32)> = vec![(start, 0)];
    while let Some((i, d)) = work.pop() {
        let i = next.get(i).copied().unwrap_or(n);
        if i >= n {
            return Err(internal("execution falls off the end of the code"));
        }
        if depth[i] != u32::MAX {
            if depth[i] != d {
                return Err(internal("inconsistent stack depth"));
            }
            continue;
        }
        depth[i] = d;
        max = max.max(d);
        let x = ins[i];
        let Some(se) = stack_effect(x.op, x.arg) else { return Err(internal("bad operand")) };
        if d < se.need {
            return Err(internal("stack underflow"));
        }
        if x.handler != 0
            && let Some(&(t, hd)) = handlers.get(x.handler as usize - 1) {
                if hd > d {
                    return Err(internal("handler depth above stack depth"));
                }
                work.push((t as usize, hd + 1));
            }
        if let Some(j) = se.jump {
            let nd = (d as i64 + j as i64).max(0) as u32;
            max = max.max(nd);
            work.push((x.arg as usize, nd));
        }
        if let Some(f) = se.fall {
            let nd = (d as i64 + f as i64).max(0) as u32;
            max = max.max(nd);
            work.push((i + 1, nd));
        }
    }
    Ok(max)
}
