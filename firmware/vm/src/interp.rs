//! The bytecode interpreter: one `loop { match }` over the current frame's instructions.
//! Python-to-Python calls push a frame and continue in the same loop; returning pops it.
//! Exceptions are dispatched through each code object's exception table.

use alloc::vec::Vec;
use core::sync::atomic::Ordering;

use upy_bytecode::{BinOp, CmpOp, CodeFlags, Op, UnOp};

use crate::call;
use crate::obj::{self, Kind};
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// Outcome of resuming a generator.
pub enum GenStep {
    /// It yielded a value.
    Yield(Value),
    /// It returned (finished) with a value.
    Return(Value),
}

/// Pending events (fuel, Ctrl-C, scheduled callbacks), checked on backward jumps and
/// calls: the common nothing-pending case is inlined, the handling is not.
#[inline(always)]
fn check_pending(vm: &mut Vm) -> PyResult<()> {
    if vm.fuel.is_none() && !vm.interrupt.load(Ordering::Relaxed) && vm.scheduled.is_empty() {
        return Ok(());
    }
    handle_pending(vm)
}

#[inline(never)]
fn handle_pending(vm: &mut Vm) -> PyResult<()> {
    if let Some(f) = vm.fuel {
        if f == 0 {
            return Err(vm.raise(TypeId::RuntimeError, "execution budget exhausted"));
        }
        vm.fuel = Some(f - 1);
    }
    if vm.interrupt.load(Ordering::Relaxed) {
        vm.interrupt.store(false, Ordering::Relaxed);
        return Err(vm.raise_empty(TypeId::KeyboardInterrupt));
    }
    if !vm.scheduled.is_empty() {
        crate::modules::micropython::run_scheduled(vm)?;
    }
    Ok(())
}

/// Pop frames until a handler is found (frame's ip set to it) or the entry frame is
/// popped (Err). Every frame the exception reaches gets a traceback entry, the one that
/// catches it included (as CPython and MicroPython do), except the frame a re-raise starts in.
fn unwind(vm: &mut Vm) -> Result<(), Exc> {
    let mut record = !core::mem::take(&mut vm.reraising);
    loop {
        let Some(&fr) = vm.frames.last() else { return Err(Exc) };
        if record {
            let line = vm.code_line(fr.code, fr.op);
            let (file, name) = {
                let c = vm.code(fr.code);
                (c.filename, c.name)
            };
            let e = vm.exc;
            vm.add_traceback(e, file, line, name);
        }
        record = true;
        if let Some((handler, depth)) = vm.code_handler(fr.code, fr.op) {
            let n_locals = vm.code(fr.code).n_locals as usize;
            vm.stack.truncate(fr.base as usize + n_locals + depth as usize);
            let e = vm.exc;
            vm.stack.push(e);
            vm.exc = Value::NULL;
            let fi = vm.frames.len() - 1;
            vm.frames[fi].ip = handler;
            return Ok(());
        }
        vm.frames.pop();
        // A generator frame resumed by ForIter in this loop: the caller's handled
        // exception is in the slot below its window.
        let inline_gen = !fr.entry && !fr.generator.is_null();
        if inline_gen {
            if let Some(&h) = vm.stack.get(fr.ret_sp as usize) {
                vm.handled = h;
            }
        }
        vm.stack.truncate(fr.ret_sp as usize);
        if let Some(g) = fr.generator.as_obj() {
            let go = vm.heap.get_mut::<obj::GenObj>(g);
            go.h.flags = obj::GEN_DONE;
            go.frame = 0;
        }
        if fr.entry {
            return Err(Exc);
        }
        if inline_gen {
            if let Some(g) = fr.generator.as_obj() {
                stop_iteration_escaped(vm, g);
            }
        }
    }
}

/// Detach a slice of immutable heap data from the borrow of the VM.
///
/// # Safety
/// The caller guarantees the data is kept alive (rooted) and is not mutated or freed
/// while the returned slice is used.
#[inline(always)]
unsafe fn detach<'a, T>(s: &[T]) -> &'a [T] {
    // SAFETY: the caller upholds the contract above; the pointer and length come from a
    // valid slice.
    unsafe { core::slice::from_raw_parts(s.as_ptr(), s.len()) }
}

#[inline(always)]
fn rd16(code: &[u8], ip: usize) -> usize {
    debug_assert!(ip + 2 <= code.len(), "operand past the end of validated bytecode");
    // SAFETY: `rd16` reads 16-bit operands only: the operand of the instruction being
    // executed, or of the validated instruction that follows it (`for_item!`). The
    // validator proves that every instruction lies at a boundary it recorded and that
    // its operand is complete, and `ip` only ever holds such boundaries (+1 for the
    // opcode byte): jump targets, handler offsets and saved frame positions are
    // validated boundaries too.
    unsafe { u16::from_le_bytes([*code.get_unchecked(ip), *code.get_unchecked(ip + 1)]) as usize }
}

#[inline(always)]
fn rd32(code: &[u8], ip: usize) -> usize {
    match code.get(ip..ip + 4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize,
        None => usize::MAX,
    }
}

/// Run from the top frame until the frame marked `entry` returns (Ok) or raises (Err).
/// If the entry frame runs a generator and yields, returns Ok with `vm.yielded` set.
pub(crate) fn run(vm: &mut Vm) -> PyResult<Value> {
    let temp_base = vm.temp.len();
    if vm.throw_pending {
        vm.throw_pending = false;
        unwind(vm)?;
    }
    'frame: loop {
        let Some(fr) = vm.frames.last() else { return Ok(Value::NONE) };
        let fi = vm.frames.len() - 1;
        // Only what most instructions need is kept in locals; the rest of the frame is
        // read where it is used (`vm.frames[fi]`), so entering a frame copies little.
        let (view, globals, base, ip) = (fr.view, fr.globals, fr.base as usize, fr.ip as usize);
        let mut ip = ip;
        // SAFETY: `view` was taken from the frame's code object (`CodeView::of`): its
        // bytecode buffer holds `code_len` bytes at `code_at`. The code object is rooted by
        // the frame for as long as this frame runs, the heap never moves objects, and
        // bytecode buffers are never written after loading. The slice is re-derived
        // whenever the current frame changes.
        let code: &[u8] = unsafe { core::slice::from_raw_parts(vm.heap.ptr(view.code_at), view.code_len as usize) };
        // SAFETY: as for `code`: the names and constants tuples (their items at `names_at`
        // and `consts_at`, as many as the view says, or an empty slice) belong to the
        // rooted, immutable code object, so their items stay valid and unchanged while this
        // frame runs; the slices are re-derived whenever the current frame changes.
        let names_s: &[Value] = unsafe { detach(vm.heap.vals_at(view.names_at, 0, view.n_names as usize)) };
        // SAFETY: see above.
        let consts_s: &[Value] = unsafe { detach(vm.heap.vals_at(view.consts_at, 0, view.n_consts as usize)) };
        // Temporary roots live until the end of the instruction that made them: released
        // here when the frame changes and after every instruction that may allocate (the
        // end of the loop body). Arms that never allocate `continue` straight to the next
        // instruction; a backward jump checks pending events, which may run scheduled
        // callbacks, so it falls through to the release (a `while True: pass` loop with
        // callbacks scheduled must not accumulate roots).
        if vm.temp.len() > temp_base {
            vm.temp.truncate(temp_base);
        }
        'instr: loop {
            // Offset where an error is reported (a superinstruction's second half moves it
            // one byte into the instruction, see op.rs).
            let mut op_start = ip;
            debug_assert!(ip < code.len(), "bytecode ran past its end");
            // SAFETY: `ip` is an instruction boundary of validated code (see `rd16`), and
            // the validator proves that no reachable instruction falls off the end of the
            // code, so an instruction starts at `ip`.
            let opb = unsafe { *code.get_unchecked(ip) };
            ip += 1;
            // Operand-stack and local-slot access without bounds checks. The validator
            // proves, for every instruction, that the operand-stack depth is at least
            // what the instruction pops or reads (`StackEffect::need`), and that every
            // fast-local slot operand is below the code's `n_locals`; the frame's window
            // `base .. base + n_locals` is below its operand stack (`vm.stack.len()` is
            // `base + n_locals + depth` at every instruction boundary). Debug builds (all
            // tests, the fuzzers) check both.
            macro_rules! pop {
                () => {{
                    let l = vm.stack.len();
                    debug_assert!(l > base, "operand stack underflow");
                    // SAFETY: see above: the depth is at least 1, so `l - 1` is a live
                    // element (and `Value` is `Copy`: shortening the Vec drops nothing).
                    unsafe {
                        vm.stack.set_len(l - 1);
                        *vm.stack.as_ptr().add(l - 1)
                    }
                }};
            }
            macro_rules! drop1 {
                () => {{
                    let l = vm.stack.len();
                    debug_assert!(l > base, "operand stack underflow");
                    // SAFETY: see above: the depth is at least 1; shortening a Vec of
                    // `Copy` values drops nothing.
                    unsafe { vm.stack.set_len(l - 1) }
                }};
            }
            macro_rules! top {
                () => {
                    peek!(1)
                };
            }
            macro_rules! peek {
                ($n:expr) => {{
                    let l = vm.stack.len();
                    debug_assert!($n >= 1 && l >= base + $n, "operand stack underflow");
                    // SAFETY: see above: the depth is at least `$n`.
                    unsafe { *vm.stack.as_ptr().add(l - $n) }
                }};
            }
            macro_rules! local {
                ($i:expr) => {{
                    let i = $i;
                    debug_assert!(base + i < vm.stack.len(), "local slot out of range");
                    // SAFETY: see above: `i < n_locals`.
                    unsafe { *vm.stack.as_ptr().add(base + i) }
                }};
            }
            macro_rules! set_local {
                ($i:expr, $v:expr) => {{
                    let (i, v) = ($i, $v);
                    debug_assert!(base + i < vm.stack.len(), "local slot out of range");
                    // SAFETY: see above: `i < n_locals`.
                    unsafe { *vm.stack.as_mut_ptr().add(base + i) = v }
                }};
            }
            let result: PyResult<()> = 'op: {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'op Err(e),
                        }
                    };
                }
                macro_rules! arg16 {
                    () => {{
                        let a = rd16(code, ip);
                        ip += 2;
                        a
                    }};
                }
                macro_rules! arg8 {
                    () => {{
                        let a = code.get(ip).copied().unwrap_or(0) as usize;
                        ip += 1;
                        a
                    }};
                }
                macro_rules! jump {
                    () => {{
                        let a = rd32(code, ip);
                        ip += 4;
                        a
                    }};
                }
                macro_rules! name {
                    ($i:expr) => {{
                        match names_s.get($i).and_then(|v| v.as_qstr()) {
                            Some(q) => q,
                            None => break 'op Err(vm.raise(TypeId::RuntimeError, "bad name index in bytecode")),
                        }
                    }};
                }
                // The first half of `LoadFastLoadAttr`/`LoadFastLoadMethod`/`LoadFastStoreAttr`
                // (slot in the low operand byte, name index in the high one): the local
                // (UnboundLocalError at the instruction's offset), then the name and the
                // attribute cache slot of the second half, at offset + 1.
                macro_rules! local_and_name {
                    () => {{
                        let a = arg16!();
                        let i = a & 0xff;
                        let o = local!(i);
                        if o.is_null() {
                            break 'op Err(unbound_local(vm, vm.frames[fi].code, i));
                        }
                        op_start += 1;
                        let n = name!(a >> 8);
                        (o, n, crate::vm::attr_slot(code.as_ptr() as usize + op_start))
                    }};
                }
                // The next item of a `for` loop: stored straight into the loop variable when
                // the body starts with `StoreFast`/`StoreFastLoadFast` (that instruction is
                // done here, one dispatch less; its load's error at its own offset + 1),
                // else pushed.
                macro_rules! for_item {
                    ($v:expr) => {{
                        let v = $v;
                        let nb = code.get(ip).copied().unwrap_or(0);
                        if nb == Op::StoreFast as u8 {
                            let i = rd16(code, ip + 1);
                            ip += 3;
                            set_local!(i, v);
                        } else if nb == Op::StoreFastLoadFast as u8 {
                            let a = rd16(code, ip + 1);
                            let at = ip;
                            ip += 3;
                            let (i, j) = (a & 0xff, a >> 8);
                            set_local!(i, v);
                            let w = local!(j);
                            if w.is_null() {
                                op_start = at + 1;
                                break 'op Err(unbound_local(vm, vm.frames[fi].code, j));
                            }
                            vm.stack.push(w);
                        } else {
                            vm.stack.push(v);
                        }
                    }};
                }
                // `ForIter` with `ip` at its operand (the arm, and the back edge of a loop).
                macro_rules! for_iter {
                    () => {{
                        let t = jump!();
                        let it = top!();
                        match range_step(vm, it) {
                            Some(Some(cur)) => {
                                if let Some(v) = Value::try_small(cur) {
                                    for_item!(v);
                                    continue 'instr;
                                }
                                let v = tri!(obj::int::new_int(vm, cur));
                                for_item!(v);
                            }
                            Some(None) => {
                                drop1!();
                                ip = t;
                                continue 'instr;
                            }
                            None => {
                                // A generator resumes in a frame of this loop (no nested
                                // `run`): its YieldValue pushes the value here and continues
                                // after this ForIter; its return re-executes this ForIter,
                                // which then finds it done (see docs/vm-internals.md).
                                if let Some(go_off) = it.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Generator) {
                                    let go = vm.heap.get::<obj::GenObj>(go_off);
                                    let state = go.h.flags;
                                    if state == obj::GEN_SUSPENDED || state == obj::GEN_CREATED {
                                        if vm.frames.len() >= vm.config.max_frames {
                                            break 'op Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
                                        }
                                        vm.frames[fi].ip = ip as u32;
                                        vm.frames[fi].op = op_start as u32;
                                        // The caller's handled exception goes in the slot below
                                        // the window, restored when the frame yields, returns or
                                        // raises.
                                        let push = (state == obj::GEN_SUSPENDED).then_some(Value::NONE);
                                        tri!(push_generator_frame(vm, it, go_off, vm.handled, push, false));
                                        continue 'frame;
                                    }
                                    if state == obj::GEN_DONE {
                                        drop1!();
                                        ip = t;
                                        continue 'instr;
                                    }
                                }
                                match tri!(runtime::next(vm, it)) {
                                    Some(v) => for_item!(v),
                                    None => {
                                        drop1!();
                                        ip = t;
                                    }
                                }
                            }
                        }
                    }};
                }
                // The running generator frame yields `$x` (see `yield_up`).
                macro_rules! yield_up {
                    ($x:expr, $resume:expr) => {{
                        let x = $x;
                        match yield_up(vm, x, $resume) {
                            Ok(true) => return Ok(x),
                            Ok(false) => continue 'frame,
                            Err(e) => break 'op Err(e),
                        }
                    }};
                }
                // Outcome of `user_binop`/`user_compare`/`dunder_plain`: a special method's
                // frame was pushed (continue there), else the result is on the stack.
                macro_rules! pushed {
                    ($e:expr) => {{
                        vm.frames[fi].ip = ip as u32;
                        vm.frames[fi].op = op_start as u32;
                        if tri!($e) {
                            continue 'frame;
                        }
                        break 'op Ok(());
                    }};
                }
                // SAFETY: the validator proves every instruction's opcode byte known
                // (`<= Op::LAST`), and `opb` is the opcode byte of one (above).
                let op = unsafe { Op::from_u8_unchecked(opb) };
                match op {
                    // `continue` in an arm: the instruction allocated nothing (see the
                    // temporary roots above).
                    Op::Nop => continue 'instr,
                    Op::LoadConst => {
                        let i = arg16!();
                        let v = consts_s.get(i).copied().unwrap_or(Value::NONE);
                        vm.stack.push(v);
                        continue 'instr;
                    }
                    Op::LoadSmallInt => {
                        let i = arg16!() as u16 as i16;
                        vm.stack.push(Value::small(i as i32));
                        continue 'instr;
                    }
                    Op::LoadNone => {
                        vm.stack.push(Value::NONE);
                        continue 'instr;
                    }
                    Op::LoadTrue => {
                        vm.stack.push(Value::TRUE);
                        continue 'instr;
                    }
                    Op::LoadFalse => {
                        vm.stack.push(Value::FALSE);
                        continue 'instr;
                    }
                    Op::LoadFast => {
                        let i = arg16!();
                        let v = local!(i);
                        if v.is_null() {
                            break 'op Err(unbound_local(vm, vm.frames[fi].code, i));
                        }
                        vm.stack.push(v);
                        continue 'instr;
                    }
                    Op::StoreFast => {
                        let i = arg16!();
                        let v = pop!();
                        set_local!(i, v);
                        continue 'instr;
                    }
                    Op::LoadFastLoadFast => {
                        let a = arg16!();
                        let (i, j) = (a & 0xff, a >> 8);
                        let v = local!(i);
                        if v.is_null() {
                            break 'op Err(unbound_local(vm, vm.frames[fi].code, i));
                        }
                        let w = local!(j);
                        if w.is_null() {
                            op_start += 1;
                            break 'op Err(unbound_local(vm, vm.frames[fi].code, j));
                        }
                        vm.stack.push(v);
                        vm.stack.push(w);
                        continue 'instr;
                    }
                    Op::StoreFastLoadFast => {
                        let a = arg16!();
                        let (i, j) = (a & 0xff, a >> 8);
                        let v = pop!();
                        set_local!(i, v);
                        let w = local!(j);
                        if w.is_null() {
                            op_start += 1;
                            break 'op Err(unbound_local(vm, vm.frames[fi].code, j));
                        }
                        vm.stack.push(w);
                        continue 'instr;
                    }
                    Op::DeleteFast => {
                        let i = arg16!();
                        let v = local!(i);
                        if v.is_null() {
                            break 'op Err(unbound_local(vm, vm.frames[fi].code, i));
                        }
                        vm.stack[base + i] = Value::NULL;
                    }
                    Op::LoadDeref | Op::LoadClassDeref => {
                        let i = arg16!();
                        if op == Op::LoadClassDeref && !vm.frames[fi].locals.is_null() {
                            let vn = vm.code(vm.frames[fi].code).varnames;
                            let n = vm.tuple_items(vn).and_then(|t| t.get(i).copied()).and_then(|v| v.as_qstr());
                            if let Some(n) = n {
                                if let Some(v) = vm.dict_get_str(vm.frames[fi].locals, n) {
                                    vm.stack.push(v);
                                    break 'op Ok(());
                                }
                            }
                        }
                        let cell = local!(i);
                        let v = cell_get(vm, cell);
                        if v.is_null() {
                            let vn = vm.code(vm.frames[fi].code).varnames;
                            let n = vm.tuple_items(vn).and_then(|t| t.get(i).copied()).unwrap_or(Value::NONE);
                            let n = alloc::string::String::from(vm.str_of(n).unwrap_or("?"));
                            break 'op Err(vm.raise_fmt(TypeId::NameError, format_args!("free variable '{n}' referenced before assignment")));
                        }
                        vm.stack.push(v);
                    }
                    Op::StoreDeref => {
                        let i = arg16!();
                        let v = pop!();
                        let cell = local!(i);
                        cell_set(vm, cell, v);
                    }
                    Op::DeleteDeref => {
                        let i = arg16!();
                        let cell = local!(i);
                        cell_set(vm, cell, Value::NULL);
                    }
                    Op::LoadClosure => {
                        let i = arg16!();
                        let cell = local!(i);
                        vm.stack.push(cell);
                    }
                    Op::MakeCell => {
                        let i = arg16!();
                        let cur = local!(i);
                        let cell = tri!(obj::func::new_cell(vm, cur));
                        set_local!(i, cell);
                    }
                    Op::LoadGlobal => {
                        let n = name!(arg16!());
                        let slot = crate::vm::attr_slot(code.as_ptr() as usize + op_start);
                        match runtime::load_global_at(vm, globals, n, slot) {
                            Some(v) => vm.stack.push(v),
                            None => break 'op Err(name_error(vm, n)),
                        }
                    }
                    Op::StoreGlobal => {
                        let n = name!(arg16!());
                        let v = top!();
                        tri!(vm.dict_set(globals, Value::qstr(n), v));
                        drop1!();
                    }
                    Op::DeleteGlobal => {
                        let n = name!(arg16!());
                        if tri!(vm.dict_remove(globals, Value::qstr(n))).is_none() {
                            break 'op Err(name_error(vm, n));
                        }
                    }
                    Op::LoadName => {
                        let n = name!(arg16!());
                        let locals = { let l = vm.frames[fi].locals; if l.is_null() { globals } else { l } };
                        let found = if vm.dict_off(locals).is_some()
                            && locals.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Dict)
                        {
                            vm.dict_get_str(locals, n)
                        } else {
                            tri!(mapping_get(vm, locals, Value::qstr(n)))
                        };
                        if let Some(v) = found {
                            vm.stack.push(v);
                        } else if let Some(v) = vm.dict_get_str(globals, n) {
                            vm.stack.push(v);
                        } else if let Some(v) = vm.dict_get_str(vm.builtins, n) {
                            vm.stack.push(v);
                        } else {
                            break 'op Err(name_error(vm, n));
                        }
                    }
                    Op::StoreName => {
                        let n = name!(arg16!());
                        let locals = { let l = vm.frames[fi].locals; if l.is_null() { globals } else { l } };
                        let v = top!();
                        tri!(runtime::setitem(vm, locals, Value::qstr(n), v));
                        drop1!();
                    }
                    Op::DeleteName => {
                        let n = name!(arg16!());
                        let locals = { let l = vm.frames[fi].locals; if l.is_null() { globals } else { l } };
                        if tri!(vm.dict_remove(locals, Value::qstr(n))).is_none() {
                            break 'op Err(name_error(vm, n));
                        }
                    }
                    Op::LoadAttr => {
                        let n = name!(arg16!());
                        let o = top!();
                        let slot = crate::vm::attr_slot(code.as_ptr() as usize + op_start);
                        if let Some(v) = runtime::getattr_hit(vm, o, n, slot) {
                            if let Some(t) = vm.stack.last_mut() {
                                *t = v;
                            }
                            continue 'instr;
                        }
                        let v = tri!(runtime::getattr_at(vm, o, n, slot));
                        drop1!();
                        vm.stack.push(v);
                    }
                    Op::StoreAttr => {
                        let n = name!(arg16!());
                        let o = peek!(1);
                        let v = peek!(2);
                        let slot = crate::vm::attr_slot(code.as_ptr() as usize + op_start);
                        if !runtime::setattr_hit(vm, o, n, v, slot) {
                            tri!(runtime::setattr_at(vm, o, n, v, slot));
                        }
                        let l = vm.stack.len();
                        vm.stack.truncate(l.saturating_sub(2));
                    }
                    // `LoadFast a` fused with the attribute instruction after it (op.rs).
                    // The object stays rooted in its local slot (only this frame's own
                    // instructions write that slot, and none runs until this one ends).
                    // The attribute half's errors are at offset + 1, the unfused
                    // `LoadAttr`'s place in the exception and line tables.
                    Op::LoadFastLoadAttr => {
                        let (o, n, slot) = local_and_name!();
                        if let Some(v) = runtime::getattr_hit(vm, o, n, slot) {
                            vm.stack.push(v);
                            continue 'instr;
                        }
                        let v = tri!(runtime::getattr_at(vm, o, n, slot));
                        vm.stack.push(v);
                    }
                    Op::LoadFastLoadMethod => {
                        let (o, n, slot) = local_and_name!();
                        if let Some(m) = runtime::load_method_hit(vm, o, n, slot) {
                            vm.stack.push(m);
                            vm.stack.push(o);
                            continue 'instr;
                        }
                        let (m, s) = tri!(runtime::load_method_at(vm, o, n, slot));
                        vm.stack.push(m);
                        vm.stack.push(s);
                    }
                    Op::LoadFastStoreAttr => {
                        let (o, n, slot) = local_and_name!();
                        let v = top!();
                        if runtime::setattr_hit(vm, o, n, v, slot) {
                            drop1!();
                            continue 'instr;
                        }
                        tri!(runtime::setattr_at(vm, o, n, v, slot));
                        drop1!();
                    }
                    Op::DeleteAttr => {
                        let n = name!(arg16!());
                        let o = top!();
                        tri!(runtime::delattr(vm, o, n));
                        drop1!();
                    }
                    Op::LoadMethod => {
                        let n = name!(arg16!());
                        let o = top!();
                        let slot = crate::vm::attr_slot(code.as_ptr() as usize + op_start);
                        if let Some(m) = runtime::load_method_hit(vm, o, n, slot) {
                            // [o] -> [m, o]
                            if let Some(t) = vm.stack.last_mut() {
                                *t = m;
                            }
                            vm.stack.push(o);
                            continue 'instr;
                        }
                        let (m, s) = tri!(runtime::load_method_at(vm, o, n, slot));
                        drop1!();
                        vm.stack.push(m);
                        vm.stack.push(s);
                    }
                    Op::BinarySubscr => {
                        let (o, k) = (peek!(2), peek!(1));
                        // Fast path: list[small int].
                        if let Some((items, j)) = list_slot(vm, o, k) {
                            let v = vm.heap.vals(items)[j];
                            let l = vm.stack.len();
                            vm.stack[l - 2] = v;
                            vm.stack.truncate(l - 1);
                            continue 'instr;
                        }
                        if o.as_obj().is_some_and(|x| vm.heap.kind(x) == Kind::Instance) {
                            if let Some(f) = tri!(runtime::dunder_func(vm, o, q!("__getitem__"))) {
                                pushed!(dunder_plain(vm, f, 2));
                            }
                        }
                        let v = tri!(runtime::getitem(vm, o, k));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - 2);
                        vm.stack.push(v);
                    }
                    Op::StoreSubscr => {
                        let (v, o, k) = (peek!(3), peek!(2), peek!(1));
                        // Fast path: list[small int] = v.
                        if let Some((items, j)) = list_slot(vm, o, k) {
                            vm.heap.vals_mut(items)[j] = v;
                            let l = vm.stack.len();
                            vm.stack.truncate(l - 3);
                            continue 'instr;
                        }
                        tri!(runtime::setitem(vm, o, k, v));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - 3);
                    }
                    Op::BinarySubscrKeep => {
                        // `obj[key] op= x`, load half: [o, k] -> [o, k, o[k]].
                        let (o, k) = (peek!(2), peek!(1));
                        if let Some((items, j)) = list_slot(vm, o, k) {
                            let v = vm.heap.vals(items)[j];
                            vm.stack.push(v);
                            continue 'instr;
                        }
                        let v = tri!(runtime::getitem(vm, o, k));
                        vm.stack.push(v);
                    }
                    Op::StoreSubscrAug => {
                        // `obj[key] op= x`, store half: [o, k, v] -> [], `o[k] = v`.
                        let (o, k, v) = (peek!(3), peek!(2), peek!(1));
                        let l = vm.stack.len();
                        if let Some((items, j)) = list_slot(vm, o, k) {
                            vm.heap.vals_mut(items)[j] = v;
                            vm.stack.truncate(l.saturating_sub(3));
                            continue 'instr;
                        }
                        tri!(runtime::setitem(vm, o, k, v));
                        let l = vm.stack.len();
                        vm.stack.truncate(l.saturating_sub(3));
                    }
                    Op::DeleteSubscr => {
                        let (o, k) = (peek!(2), peek!(1));
                        tri!(runtime::delitem(vm, o, k));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - 2);
                    }
                    Op::BuildSlice => {
                        let n = arg8!();
                        let (a, b, c) = if n == 3 { (peek!(3), peek!(2), peek!(1)) } else { (peek!(2), peek!(1), Value::NONE) };
                        let s = tri!(obj::slice::new_slice(vm, a, b, c));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - n);
                        vm.stack.push(s);
                    }
                    Op::UnaryOp => {
                        let k = arg8!();
                        let a = top!();
                        let u = UnOp::from_u8(k as u8).unwrap_or(UnOp::Not);
                        if u != UnOp::Not && a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
                            if let Some(f) = tri!(runtime::dunder_func(vm, a, runtime::unary_dunder(u))) {
                                pushed!(dunder_plain(vm, f, 1));
                            }
                        }
                        let r = tri!(runtime::unary_op(vm, u, a));
                        drop1!();
                        vm.stack.push(r);
                    }
                    Op::BinaryOp => {
                        let k = arg8!();
                        let l = vm.stack.len();
                        if l < 2 {
                            break 'op Err(vm.raise(TypeId::RuntimeError, "stack underflow"));
                        }
                        let (a, b) = (vm.stack[l - 2], vm.stack[l - 1]);
                        let (bop, inplace) = BinOp::from_u8(k as u8).unwrap_or((BinOp::Add, false));
                        if let Some(r) = binary_small(bop, a, b) {
                            vm.stack[l - 2] = r;
                            vm.stack.truncate(l - 1);
                            continue 'instr;
                        }
                        if let Some(f) = binary_float(vm, bop, a, b) {
                            let v = tri!(obj::float::new_float_inline(vm, f));
                            vm.stack[l - 2] = v;
                            vm.stack.truncate(l - 1);
                            break 'op Ok(());
                        }
                        pushed!(binop_general(vm, bop, inplace, k as u8, a, b));
                    }
                    Op::BinaryOpSmallInt | Op::LoadFastBinaryOp => {
                        // `[a] -> [a op b]`; every error after the operands are fetched is
                        // the fused BinaryOp's (op.rs).
                        macro_rules! binop_top {
                            ($b:expr, $opb:expr) => {{
                                let b = $b;
                                op_start += 1;
                                let (bop, inplace) = BinOp::from_u8($opb).unwrap_or((BinOp::Add, false));
                                let l = vm.stack.len();
                                if l < 1 {
                                    break 'op Err(vm.raise(TypeId::RuntimeError, "stack underflow"));
                                }
                                let a = vm.stack[l - 1];
                                if let Some(r) = binary_small(bop, a, b) {
                                    vm.stack[l - 1] = r;
                                    continue 'instr;
                                }
                                if let Some(f) = binary_float(vm, bop, a, b) {
                                    let v = tri!(obj::float::new_float_inline(vm, f));
                                    vm.stack[l - 1] = v;
                                    break 'op Ok(());
                                }
                                vm.stack.push(b);
                                pushed!(binop_general(vm, bop, inplace, $opb, a, b));
                            }};
                        }
                        let arg = arg16!();
                        if op == Op::BinaryOpSmallInt {
                            binop_top!(Value::small((arg >> 8) as u8 as i8 as i32), arg as u8);
                        } else {
                            let i = arg & 0xff;
                            let b = local!(i);
                            if b.is_null() {
                                break 'op Err(unbound_local(vm, vm.frames[fi].code, i));
                            }
                            binop_top!(b, (arg >> 8) as u8);
                        }
                    }
                    Op::BinarySubscrSmallInt => {
                        let k = Value::small(arg16!() as u16 as i16 as i32);
                        // Every error here is the fused BinarySubscr's (op.rs).
                        op_start += 1;
                        let l = vm.stack.len();
                        if l < 1 {
                            break 'op Err(vm.raise(TypeId::RuntimeError, "stack underflow"));
                        }
                        let o = vm.stack[l - 1];
                        if let Some((items, j)) = list_slot(vm, o, k) {
                            vm.stack[l - 1] = vm.heap.vals(items)[j];
                            continue 'instr;
                        }
                        if o.as_obj().is_some_and(|x| vm.heap.kind(x) == Kind::Instance) {
                            if let Some(f) = tri!(runtime::dunder_func(vm, o, q!("__getitem__"))) {
                                vm.stack.push(k);
                                pushed!(dunder_plain(vm, f, 2));
                            }
                        }
                        let v = tri!(runtime::getitem(vm, o, k));
                        vm.stack.truncate(l - 1);
                        vm.stack.push(v);
                    }
                    Op::CompareOp => {
                        let k = arg8!();
                        let l = vm.stack.len();
                        if l < 2 {
                            break 'op Err(vm.raise(TypeId::RuntimeError, "stack underflow"));
                        }
                        let (a, b) = (vm.stack[l - 2], vm.stack[l - 1]);
                        let cop = CmpOp::from_u8(k as u8).unwrap_or(CmpOp::Eq);
                        // Fast path: two small ints, or floats (with small ints), compared
                        // by value without a call; the result is a bool.
                        if let Some(c) = compare_fast(vm, cop, a, b) {
                            vm.stack.truncate(l - 2);
                            // Followed by a conditional jump (`if a < b:`, `while ...`): branch
                            // here without materialising the bool or dispatching the jump. The
                            // jump cannot raise on a bool, so tracebacks and handlers are as if
                            // it ran on its own.
                            let nb = code.get(ip).copied().unwrap_or(0);
                            if nb == Op::PopJumpIfFalse as u8 || nb == Op::PopJumpIfTrue as u8 {
                                let t = rd32(code, ip + 1);
                                let jop = ip;
                                ip += 5;
                                if c == (nb == Op::PopJumpIfTrue as u8) {
                                    ip = t;
                                    if t <= jop {
                                        tri!(check_pending(vm));
                                        break 'op Ok(());
                                    }
                                }
                            } else {
                                vm.stack.push(Value::bool(c));
                            }
                            continue 'instr;
                        }
                        let r = if let (Some(_), Some(_)) = (a.as_small(), b.as_small()) {
                            // `in`/`not in` on ints: runtime::compare raises the TypeError.
                            Value::bool(tri!(runtime::compare(vm, cop, a, b)) == Value::TRUE)
                        } else if matches!(cop, CmpOp::Lt | CmpOp::Le | CmpOp::Eq | CmpOp::Ne | CmpOp::Gt | CmpOp::Ge)
                            && (runtime::is_user(vm, a) || runtime::is_user(vm, b))
                        {
                            // The rich comparison protocol; a plain Python special method runs
                            // in a frame of this loop (`user_compare`), its result is left for
                            // the next instruction.
                            pushed!(user_compare(vm, cop, k as u8, a, b));
                        } else if let Some(found) = tri!(contains_fast(vm, cop, a, b)) {
                            Value::bool(found)
                        } else {
                            tri!(runtime::compare(vm, cop, a, b))
                        };
                        vm.stack.truncate(l - 2);
                        // A bool result followed by a conditional jump (`if x in s:`) branches
                        // here too; any other result is tested by the jump itself (`__bool__`).
                        let nb = code.get(ip).copied().unwrap_or(0);
                        if (r == Value::TRUE || r == Value::FALSE)
                            && (nb == Op::PopJumpIfFalse as u8 || nb == Op::PopJumpIfTrue as u8)
                        {
                            let t = rd32(code, ip + 1);
                            let jop = ip;
                            ip += 5;
                            if (r == Value::TRUE) == (nb == Op::PopJumpIfTrue as u8) {
                                ip = t;
                                if t <= jop {
                                    tri!(check_pending(vm));
                                }
                            }
                            break 'op Ok(());
                        }
                        vm.stack.push(r);
                    }
                    Op::Pop => {
                        drop1!();
                        continue 'instr;
                    }
                    Op::Copy => {
                        let n = arg8!();
                        let v = peek!(n);
                        vm.stack.push(v);
                        continue 'instr;
                    }
                    Op::Swap => {
                        let n = arg8!();
                        let l = vm.stack.len();
                        if n >= 1 && n <= l {
                            vm.stack.swap(l - 1, l - n);
                        }
                        continue 'instr;
                    }
                    Op::Jump => {
                        let t = rd32(code, ip);
                        ip = t;
                        if t <= op_start {
                            tri!(check_pending(vm));
                            // The back edge of a `for` loop: run the `ForIter` at the loop
                            // head here (one dispatch less per iteration), as if dispatched:
                            // errors are reported at its offset.
                            if code.get(t).copied() == Some(Op::ForIter as u8) {
                                if vm.temp.len() > temp_base {
                                    vm.temp.truncate(temp_base);
                                }
                                op_start = t;
                                ip = t + 1;
                                for_iter!();
                            }
                            break 'op Ok(());
                        }
                        continue 'instr;
                    }
                    Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                        let t = jump!();
                        let v = top!();
                        let (b, plain) = match truthy_fast(v) {
                            Some(b) => (b, true),
                            None => (tri!(runtime::truthy(vm, v)), false),
                        };
                        drop1!();
                        if b == (op == Op::PopJumpIfTrue) {
                            ip = t;
                            if t <= op_start {
                                tri!(check_pending(vm));
                                break 'op Ok(());
                            }
                        }
                        if plain {
                            continue 'instr;
                        }
                    }
                    Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                        let t = jump!();
                        let v = top!();
                        let b = match truthy_fast(v) {
                            Some(b) => b,
                            None => tri!(runtime::truthy(vm, v)),
                        };
                        if b == (op == Op::JumpIfTrueOrPop) {
                            ip = t;
                        } else {
                            drop1!();
                        }
                    }
                    Op::GetIter => {
                        let o = top!();
                        let it = tri!(runtime::iter(vm, o));
                        drop1!();
                        vm.stack.push(it);
                    }
                    Op::ForIter => for_iter!(),
                    Op::BuildTuple | Op::BuildList | Op::BuildSet => {
                        let n = arg16!();
                        let l = vm.stack.len();
                        let items: Vec<Value> = vm.stack[l - n..].to_vec();
                        let v = tri!(match op {
                            Op::BuildTuple => obj::tuple::new_tuple(vm, &items),
                            Op::BuildList => obj::list::new_list(vm, &items),
                            _ => obj::set::set_from(vm, &items, false),
                        });
                        vm.stack.truncate(l - n);
                        vm.stack.push(v);
                    }
                    Op::BuildMap => {
                        let n = arg16!();
                        let l = vm.stack.len();
                        let items: Vec<Value> = vm.stack[l - 2 * n..].to_vec();
                        let d = tri!(obj::dict::new_dict(vm));
                        for pair in items.chunks_exact(2) {
                            tri!(vm.dict_set(d, pair[0], pair[1]));
                        }
                        vm.stack.truncate(l - 2 * n);
                        vm.stack.push(d);
                    }
                    Op::BuildString => {
                        let n = arg16!();
                        let l = vm.stack.len();
                        let mut s = alloc::string::String::new();
                        for &p in &vm.stack[l - n..] {
                            s.push_str(vm.str_of(p).unwrap_or(""));
                        }
                        let v = tri!(vm.new_str(&s));
                        vm.stack.truncate(l - n);
                        vm.stack.push(v);
                    }
                    Op::FormatValue => {
                        let flags = arg8!();
                        let has_spec = flags & 4 != 0;
                        let (v, spec) = if has_spec { (peek!(2), peek!(1)) } else { (peek!(1), Value::NULL) };
                        let conv = match flags & 3 {
                            1 => tri!(runtime::to_str(vm, v)),
                            2 => tri!(runtime::repr(vm, v)),
                            3 => {
                                let a = tri!(obj::format::ascii_string(vm, v));
                                tri!(vm.new_str(&a))
                            }
                            _ => v,
                        };
                        vm.root(conv);
                        let spec_s = alloc::string::String::from(if spec.is_null() { "" } else { vm.str_of(spec).unwrap_or("") });
                        let s = tri!(obj::format::format_value(vm, conv, &spec_s));
                        let r = tri!(vm.new_str(&s));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - if has_spec { 2 } else { 1 });
                        vm.stack.push(r);
                    }
                    Op::ListAppend | Op::SetAdd | Op::ListExtend | Op::SetUpdate | Op::DictUpdate | Op::DictMerge => {
                        let i = arg16!();
                        let item = top!();
                        let target = peek!(i + 1);
                        tri!(match op {
                            Op::ListAppend => vm.list_push(target, item),
                            Op::SetAdd => obj::set::set_add(vm, target, item),
                            Op::ListExtend => {
                                let xs = tri!(runtime::collect_iter(vm, item));
                                vm.list_reserve(target, xs.len()).and_then(|_| {
                                    for x in xs {
                                        vm.list_push(target, x)?;
                                    }
                                    Ok(())
                                })
                            }
                            Op::SetUpdate => {
                                let xs = tri!(runtime::collect_iter(vm, item));
                                (|| {
                                    for x in xs {
                                        obj::set::set_add(vm, target, x)?;
                                    }
                                    Ok(())
                                })()
                            }
                            _ => dict_update(vm, target, item, op == Op::DictMerge),
                        });
                        vm.stack.pop();
                    }
                    Op::MapAdd => {
                        let i = arg16!();
                        let (k, v) = (peek!(2), peek!(1));
                        let target = peek!(i + 2);
                        tri!(vm.dict_set(target, k, v));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - 2);
                    }
                    Op::ListToTuple => {
                        let l = top!();
                        let items: Vec<Value> = vm.list_items(l).map(|s| s.to_vec()).unwrap_or_default();
                        let t = tri!(obj::tuple::new_tuple(vm, &items));
                        vm.stack.pop();
                        vm.stack.push(t);
                    }
                    Op::UnpackSequence => {
                        let n = arg16!();
                        let s = top!();
                        // Fast path: a tuple of exactly n items, copied straight from the
                        // heap (it stays alive: nothing allocates before the pushes end).
                        if let Some(off) = s.as_obj() {
                            if vm.heap.kind(off) == Kind::Tuple && vm.heap.get::<obj::TupleObj>(off).len as usize == n {
                                vm.stack.pop();
                                let items = vm.heap.vals_at(off, obj::TUPLE_DATA, n);
                                vm.stack.extend(items.iter().rev());
                                break 'op Ok(());
                            }
                        }
                        let items = tri!(unpack_items(vm, s, Some(n)));
                        vm.stack.pop();
                        for &x in items.iter().rev() {
                            vm.stack.push(x);
                        }
                    }
                    Op::UnpackEx => {
                        let a = arg16!();
                        let (before, after) = (a & 0xff, a >> 8);
                        let s = top!();
                        let items = tri!(unpack_items(vm, s, None));
                        if items.len() < before + after {
                            break 'op Err(vm.raise_fmt(
                                TypeId::ValueError,
                                format_args!("not enough values to unpack (expected at least {}, got {})", before + after, items.len()),
                            ));
                        }
                        let mid = tri!(obj::list::new_list(vm, &items[before..items.len() - after]));
                        vm.stack.pop();
                        for &x in items[items.len() - after..].iter().rev() {
                            vm.stack.push(x);
                        }
                        vm.stack.push(mid);
                        for &x in items[..before].iter().rev() {
                            vm.stack.push(x);
                        }
                    }
                    Op::Call | Op::CallKw | Op::CallMethod | Op::CallMethodKw => {
                        let n = arg16!();
                        tri!(check_pending(vm));
                        let l = vm.stack.len();
                        let (kwnames, nk, extra) = match op {
                            Op::CallKw | Op::CallMethodKw => {
                                let k = top!();
                                let nk = vm.tuple_items(k).map_or(0, |t| t.len());
                                (k, nk, 1)
                            }
                            _ => (Value::NULL, 0, 0),
                        };
                        let is_method = matches!(op, Op::CallMethod | Op::CallMethodKw);
                        // Layout: [f, (self|NULL)?, a_1..a_n, (kwnames)?]
                        let args_end = l - extra;
                        let args_start = args_end - n;
                        let (mut f, mut fpos) = if is_method { (vm.stack[args_start - 2], args_start - 2) } else { (vm.stack[args_start - 1], args_start - 1) };
                        let mut first = args_start;
                        if is_method {
                            let s = vm.stack[args_start - 1];
                            if !s.is_null() {
                                first = args_start - 1;
                            } else {
                                // Shift the function over the NULL so args are contiguous.
                                vm.stack[args_start - 1] = f;
                                fpos = args_start - 1;
                            }
                        }
                        let _ = fpos;
                        let ret_sp = if is_method { args_start - 2 } else { args_start - 1 };
                        let npos_total = args_end - first - nk;
                        // Bound methods of Python functions: unpack in place when possible.
                        if let Some(off) = f.as_obj() {
                            if vm.heap.kind(off) == Kind::BoundMethod && first > ret_sp && !is_method {
                                let b = vm.heap.get::<obj::BoundObj>(off);
                                let (bf, bs) = (b.func, b.self_);
                                if bf.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
                                    // Insert self before the args: reuse the callable slot.
                                    vm.stack.insert(first, bs);
                                    vm.stack[ret_sp] = bf;
                                    f = bf;
                                    // (The buffer is only made for keyword calls.)
                                    let mut kw_buf;
                                    let kw: &[(crate::qstr::Qstr, Value)] = if nk == 0 {
                                        &[]
                                    } else {
                                        kw_buf = call::KwBuf::new();
                                        call::kw_pairs_at(vm, kwnames, args_end + 1 - nk, nk, &mut kw_buf)
                                    };
                                    vm.frames[fi].ip = ip as u32;
                                    vm.frames[fi].op = op_start as u32;
                                    match call::enter_function_outlined(vm, f, first as u32, npos_total + 1, kw, ret_sp as u32, false, Value::NULL) {
                                        Ok(None) => continue 'frame,
                                        Ok(Some(g)) => {
                                            vm.stack.truncate(ret_sp);
                                            vm.stack.push(g);
                                            break 'op Ok(());
                                        }
                                        Err(e) => break 'op Err(e),
                                    }
                                }
                            }
                        }
                        // A user class whose `__init__` is a Python function: the instance is
                        // made here and `__init__` runs in a frame of this loop (no native
                        // recursion); its ReturnValue leaves the instance as the result.
                        if nk == 0 && first == args_start && f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Class) {
                            if let Some(init) = tri!(obj::class::inline_init(vm, f)) {
                                let inst = tri!(obj::class::new_plain_instance(vm, f));
                                let self_at = if is_method {
                                    // The callable was copied over the NULL self slot: reuse it.
                                    args_start - 1
                                } else {
                                    vm.stack.insert(args_start, inst);
                                    args_start
                                };
                                vm.stack[self_at] = inst;
                                vm.stack[ret_sp] = inst;
                                vm.frames[fi].ip = ip as u32;
                                vm.frames[fi].op = op_start as u32;
                                match call::enter_function_outlined(vm, init, self_at as u32, npos_total + 1, &[], ret_sp as u32, false, Value::NULL) {
                                    Ok(None) => {
                                        if let Some(t) = vm.frames.last_mut() {
                                            t.init = true;
                                        }
                                        continue 'frame;
                                    }
                                    Ok(Some(g)) => {
                                        vm.root(g);
                                        vm.stack.truncate(ret_sp);
                                        break 'op Err(obj::class::init_returned(vm, g));
                                    }
                                    Err(e) => break 'op Err(e),
                                }
                            }
                        }
                        if f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
                            // (The buffer is only made for keyword calls.)
                            let mut kw_buf;
                            let kw: &[(crate::qstr::Qstr, Value)] = if nk == 0 {
                                &[]
                            } else {
                                kw_buf = call::KwBuf::new();
                                call::kw_pairs_at(vm, kwnames, args_end - nk, nk, &mut kw_buf)
                            };
                            if nk > 0 {
                                // Drop the kwnames tuple: values stay in place after positionals.
                                vm.root(kwnames);
                                vm.stack.truncate(args_end);
                            }
                            vm.frames[fi].ip = ip as u32;
                            vm.frames[fi].op = op_start as u32;
                            match call::enter_function(vm, f, first as u32, npos_total, kw, ret_sp as u32, false, Value::NULL) {
                                Ok(None) => continue 'frame,
                                Ok(Some(g)) => {
                                    vm.stack.truncate(ret_sp);
                                    vm.stack.push(g);
                                    break 'op Ok(());
                                }
                                Err(e) => break 'op Err(e),
                            }
                        }
                        // The arguments are copied out of the VM stack (a native may push on
                        // it), into a buffer on the Rust stack for the usual short calls; they
                        // stay rooted in their stack slots until the call returns.
                        let mut buf = [Value::NULL; 8];
                        let long_args: Vec<Value>;
                        let src = &vm.stack[first..args_end - nk];
                        let args: &[Value] = if src.len() <= buf.len() {
                            buf[..src.len()].copy_from_slice(src);
                            &buf[..src.len()]
                        } else {
                            long_args = src.to_vec();
                            &long_args
                        };
                        // (The buffer is only made for keyword calls.)
                        let mut kw_buf;
                        let kw: &[(crate::qstr::Qstr, Value)] = if nk == 0 {
                            &[]
                        } else {
                            kw_buf = call::KwBuf::new();
                            call::kw_pairs_at(vm, kwnames, args_end - nk, nk, &mut kw_buf)
                        };
                        vm.frames[fi].ip = ip as u32;
                        vm.frames[fi].op = op_start as u32;
                        // Native functions and methods (the common case here) skip `call`'s
                        // dispatch: `call` sends exactly these values to `call_native`.
                        let r = if f.native_ref().is_some() {
                            tri!(call::call_native(vm, f, args, kw))
                        } else {
                            tri!(call::call(vm, f, args, kw))
                        };
                        vm.stack.truncate(ret_sp);
                        vm.stack.push(r);
                    }
                    Op::CallEx => {
                        let flags = arg8!();
                        tri!(check_pending(vm));
                        let has_kw = flags & 1 != 0;
                        let l = vm.stack.len();
                        let n = if has_kw { 3 } else { 2 };
                        let f = vm.stack[l - n];
                        let argst = vm.stack[l - n + 1];
                        let args: Vec<Value> = tri!(runtime::collect_iter(vm, argst));
                        let kw = if has_kw { tri!(call::kw_from_dict(vm, vm.stack[l - 1])) } else { Vec::new() };
                        vm.frames[fi].ip = ip as u32;
                        vm.frames[fi].op = op_start as u32;
                        let r = tri!(call::call(vm, f, &args, &kw));
                        vm.stack.truncate(l - n);
                        vm.stack.push(r);
                    }
                    Op::MakeFunction => {
                        let flags = arg8!();
                        let code_v = top!();
                        let f = tri!(obj::func::new_function(vm, code_v, globals));
                        let foff = f.as_obj().unwrap_or(0);
                        let mut k = 2;
                        if flags & 4 != 0 {
                            let c = peek!(k);
                            vm.heap.get_mut::<obj::FuncObj>(foff).closure = c;
                            k += 1;
                        }
                        if flags & 2 != 0 {
                            let c = peek!(k);
                            vm.heap.get_mut::<obj::FuncObj>(foff).kwdefaults = c;
                            k += 1;
                        }
                        if flags & 1 != 0 {
                            let c = peek!(k);
                            vm.heap.get_mut::<obj::FuncObj>(foff).defaults = c;
                            k += 1;
                        }
                        let l = vm.stack.len();
                        vm.stack.truncate(l + 1 - k);
                        vm.stack.push(f);
                    }
                    Op::LoadBuildClass => {
                        vm.stack.push(Value::mod_fun(crate::types::ModuleId::Builtins as u8, crate::modules::builtins::BUILD_CLASS_SLOT));
                    }
                    Op::ReturnValue | Op::ReturnNone => {
                        let mut v = if op == Op::ReturnNone { Value::NONE } else { pop!() };
                        // (This frame is the last one: `fi` is its index.)
                        let Some(fr2) = vm.frames.pop() else { return Ok(v) };
                        if fr2.generator.is_null() && !fr2.init && !fr2.entry && (fr2.dunder == 0 || v != Value::NOT_IMPLEMENTED) {
                            // A plain call from this loop returns (an operator's special
                            // method too, unless it declined).
                            vm.stack.truncate(fr2.ret_sp as usize);
                            vm.stack.push(v);
                            continue 'frame;
                        }
                        if let Some(g) = fr2.generator.as_obj() {
                            let go = vm.heap.get_mut::<obj::GenObj>(g);
                            go.h.flags = obj::GEN_DONE;
                            go.frame = 0;
                        }
                        if fr2.delegated {
                            // A `yield from` delegate finished: its value replaces the
                            // iterator on the delegating frame's stack, which continues
                            // after its `yield from`.
                            if let Some(&h) = vm.stack.get(fr2.ret_sp as usize) {
                                vm.handled = h;
                            }
                            vm.stack.truncate(fr2.ret_sp as usize);
                            vm.stack.pop();
                            vm.stack.push(v);
                            continue 'frame;
                        }
                        if !fr2.entry && !fr2.generator.is_null() {
                            // A generator resumed by ForIter finished: restore the caller's
                            // handled exception and re-execute its ForIter, which now sees
                            // the generator done and leaves the loop.
                            if let Some(&h) = vm.stack.get(fr2.ret_sp as usize) {
                                vm.handled = h;
                            }
                            vm.stack.truncate(fr2.ret_sp as usize);
                            vm.temp.truncate(temp_base);
                            if let Some(c) = vm.frames.last_mut() {
                                c.ip = c.op;
                            }
                            continue 'frame;
                        }
                        if fr2.init {
                            // `cls(...)`'s `__init__` returns: the result is the instance. A
                            // non-None return raises in the caller (its frame is on top now).
                            if !v.is_none() {
                                vm.root(v);
                                vm.stack.truncate(fr2.ret_sp as usize);
                                let e = obj::class::init_returned(vm, v);
                                if fr2.entry {
                                    return Err(e);
                                }
                                break 'op Err(e);
                            }
                            v = vm.stack.get(fr2.ret_sp as usize).copied().unwrap_or(Value::NONE);
                        }
                        if fr2.dunder != 0 && v == Value::NOT_IMPLEMENTED {
                            // An operator's special method declined: the rest of the protocol
                            // with the operands the caller's instruction left below the
                            // frame; an error is raised in the caller (now on top).
                            let rs = fr2.ret_sp as usize;
                            let a = vm.stack.get(rs).copied().unwrap_or(Value::NONE);
                            let b = vm.stack.get(rs + 1).copied().unwrap_or(Value::NONE);
                            let r = runtime::dunder_resume(vm, fr2.dunder, a, b);
                            vm.stack.truncate(rs);
                            match r {
                                Ok(x) => v = x,
                                Err(e) => {
                                    if fr2.entry {
                                        return Err(e);
                                    }
                                    break 'op Err(e);
                                }
                            }
                        }
                        vm.stack.truncate(fr2.ret_sp as usize);
                        vm.temp.truncate(temp_base);
                        if fr2.entry {
                            // The native caller holds the result in a Rust local: keep
                            // it rooted until the caller's own instruction ends.
                            vm.root(v);
                            return Ok(v);
                        }
                        vm.stack.push(v);
                        continue 'frame;
                    }
                    Op::YieldValue => {
                        let v = pop!();
                        yield_up!(v, ip as u32);
                    }
                    Op::YieldFrom => {
                        let (it, v) = (peek!(2), peek!(1));
                        vm.frames[fi].op = op_start as u32;
                        // A generator delegate that can take `v` runs in a frame of this
                        // loop (no nested `run`), marked `delegated`: its yields go on up
                        // through this frame (`yield_up!`), its return continues here.
                        if let Some(go_off) = it.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Generator) {
                            let state = vm.heap.get::<obj::GenObj>(go_off).h.flags;
                            if state == obj::GEN_SUSPENDED || (state == obj::GEN_CREATED && v.is_none()) {
                                if vm.frames.len() >= vm.config.max_frames {
                                    break 'op Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
                                }
                                // This frame keeps `it` on its stack while the delegate runs
                                // (what it has when suspended in `yield from` either way).
                                vm.stack.pop();
                                vm.frames[fi].ip = ip as u32;
                                let push = (state == obj::GEN_SUSPENDED).then_some(v);
                                tri!(push_generator_frame(vm, it, go_off, vm.handled, push, false));
                                if let Some(t) = vm.frames.last_mut() {
                                    t.delegated = true;
                                }
                                continue 'frame;
                            }
                        }
                        match tri!(delegate(vm, it, v, None)) {
                            GenStep::Yield(x) => {
                                vm.stack.pop();
                                // Resume re-executes this instruction with the sent value.
                                yield_up!(x, op_start as u32);
                            }
                            GenStep::Return(r) => {
                                let l = vm.stack.len();
                                vm.stack.truncate(l - 2);
                                vm.stack.push(r);
                            }
                        }
                    }
                    Op::GetYieldFromIter => {
                        let o = top!();
                        if !o.as_obj().is_some_and(|x| vm.heap.kind(x) == Kind::Generator) {
                            let it = tri!(runtime::iter(vm, o));
                            vm.stack.pop();
                            vm.stack.push(it);
                        }
                    }
                    Op::GetAwaitable => {
                        let o = top!();
                        if !o.as_obj().is_some_and(|x| vm.heap.kind(x) == Kind::Generator) {
                            let Some(r) = tri!(runtime::call_dunder(vm, o, q!("__await__"), &[])) else {
                                let t = runtime::type_name(vm, o);
                                break 'op Err(vm.raise_fmt(TypeId::TypeError, format_args!("object {t} can't be used in 'await' expression")));
                            };
                            let it = tri!(runtime::iter(vm, r));
                            vm.stack.pop();
                            vm.stack.push(it);
                        }
                    }
                    Op::GetAiter => {
                        let o = top!();
                        let Some(r) = tri!(runtime::call_dunder(vm, o, q!("__aiter__"), &[])) else {
                            let t = runtime::type_name(vm, o);
                            break 'op Err(vm.raise_fmt(TypeId::TypeError, format_args!("'async for' requires an object with __aiter__ method, got {t}")));
                        };
                        vm.stack.pop();
                        vm.stack.push(r);
                    }
                    Op::GetAnext => {
                        let o = top!();
                        let Some(r) = tri!(runtime::call_dunder(vm, o, q!("__anext__"), &[])) else {
                            break 'op Err(vm.raise(TypeId::TypeError, "'async for' requires an iterator with __anext__ method"));
                        };
                        vm.stack.push(r);
                    }
                    Op::EndAsyncFor => {
                        let e = top!();
                        if vm.exc_matches(e, TypeId::StopAsyncIteration) {
                            let l = vm.stack.len();
                            vm.stack.truncate(l - 2);
                            vm.handled = Value::NULL;
                        } else {
                            vm.stack.pop();
                            vm.reraising = true;
                            break 'op Err(vm.set_exception(e));
                        }
                    }
                    Op::Raise => {
                        let n = arg8!();
                        break 'op Err(match n {
                            0 => {
                                let h = vm.handled;
                                if h.is_null() || h.is_none() {
                                    vm.raise(TypeId::RuntimeError, "No active exception to reraise")
                                } else {
                                    vm.reraising = true;
                                    vm.set_exception(h)
                                }
                            }
                            1 => {
                                let e = top!();
                                raise_value(vm, e, None)
                            }
                            _ => {
                                let (e, c) = (peek!(2), peek!(1));
                                raise_value(vm, e, Some(c))
                            }
                        });
                    }
                    Op::Reraise => {
                        let e = top!();
                        vm.reraising = true;
                        break 'op Err(vm.set_exception(e));
                    }
                    Op::PushExcInfo => {
                        let e = pop!();
                        let prev = if vm.handled.is_null() { Value::NONE } else { vm.handled };
                        vm.stack.push(prev);
                        vm.stack.push(e);
                        vm.handled = e;
                    }
                    Op::PopExcept => {
                        let prev = pop!();
                        vm.handled = if prev.is_none() { Value::NULL } else { prev };
                    }
                    Op::CheckExcMatch => {
                        let (e, t) = (peek!(2), peek!(1));
                        let cls = vm.exc_class(e);
                        let m = if let Some(items) = vm.tuple_items(t) {
                            items.iter().any(|&x| runtime::is_subclass(vm, cls, x))
                        } else {
                            runtime::is_subclass(vm, cls, t)
                        };
                        vm.stack.pop();
                        vm.stack.push(Value::bool(m));
                    }
                    Op::ExcCleanup => {
                        let e = pop!();
                        let prev = pop!();
                        vm.handled = if prev.is_none() { Value::NULL } else { prev };
                        vm.reraising = true;
                        break 'op Err(vm.set_exception(e));
                    }
                    Op::LoadAssertionError => vm.stack.push(TypeId::AssertionError.value()),
                    Op::WithEnter | Op::AsyncWithEnter => {
                        let mgr = top!();
                        let (enter, exit) = if op == Op::WithEnter {
                            (q!("__enter__"), q!("__exit__"))
                        } else {
                            (q!("__aenter__"), q!("__aexit__"))
                        };
                        let exitf = match tri!(runtime::getattr_opt(vm, mgr, exit)) {
                            Some(f) => f,
                            None => {
                                let t = runtime::type_name(vm, mgr);
                                break 'op Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object does not support the context manager protocol")));
                            }
                        };
                        vm.root(exitf);
                        let r = tri!(runtime::call_method(vm, mgr, enter, &[]));
                        vm.stack.pop();
                        vm.stack.push(exitf);
                        vm.stack.push(r);
                    }
                    Op::WithExcept => {
                        let (exitf, e) = (peek!(3), peek!(1));
                        let cls = vm.exc_class(e);
                        let r = tri!(call::call(vm, exitf, &[cls, e, Value::NONE], &[]));
                        vm.stack.push(r);
                    }
                    Op::ImportName => {
                        let n = name!(arg16!());
                        let (level, fromlist) = (peek!(2), peek!(1));
                        let level = vm.int_i64(level).unwrap_or(0);
                        vm.frames[fi].ip = ip as u32;
                        vm.frames[fi].op = op_start as u32;
                        let m = tri!(crate::modules::import::import_name(vm, n, fromlist, level, globals));
                        let l = vm.stack.len();
                        vm.stack.truncate(l - 2);
                        vm.stack.push(m);
                    }
                    Op::ImportFrom => {
                        let n = name!(arg16!());
                        let m = top!();
                        let v = tri!(crate::modules::import::import_from(vm, m, n));
                        vm.stack.push(v);
                    }
                    Op::ImportStar => {
                        let m = top!();
                        let target = { let l = vm.frames[fi].locals; if l.is_null() { globals } else { l } };
                        tri!(crate::modules::import::import_star(vm, m, target));
                        vm.stack.pop();
                    }
                    Op::PrintExpr => {
                        let v = top!();
                        if !v.is_none() {
                            let s = tri!(runtime::repr_string(vm, v));
                            vm.port.stdout_write(s.as_bytes());
                            vm.port.stdout_write(b"\n");
                            let b = vm.builtins;
                            tri!(vm.dict_set(b, Value::qstr(q!("_")), v));
                        }
                        vm.stack.pop();
                    }
                }
                Ok(())
            };
            if result.is_err() {
                if let Some(f) = vm.frames.get_mut(fi) {
                    f.op = op_start as u32;
                    f.ip = ip as u32;
                }
                unwind(vm)?;
                continue 'frame;
            }
            if vm.temp.len() > temp_base {
                vm.temp.truncate(temp_base);
            }
        }
    }
}

/// `a op b` (operator byte `opb`) for the operands `a, b` on top of the stack, past the
/// interpreter's fast paths. With a user instance among them, the operator protocol
/// (`runtime::binary_step`): a special method that is a plain Python function gets a frame
/// of the loop (true), whose return value replaces the operands (NotImplemented: the
/// protocol goes on, see docs/vm-internals.md). Otherwise the result replaces them here
/// (false).
#[inline(never)]
fn binop_general(vm: &mut Vm, bop: BinOp, inplace: bool, opb: u8, a: Value, b: Value) -> PyResult<bool> {
    if runtime::is_user(vm, a) || runtime::is_user(vm, b) {
        let step = runtime::binary_step(vm, bop, inplace, a, b, 0, true)?;
        return dunder_step(vm, step, runtime::DUNDER_BINARY, opb);
    }
    let r = runtime::binary_op(vm, bop, inplace, a, b)?;
    let l = vm.stack.len();
    vm.stack.truncate(l - 2);
    vm.stack.push(r);
    Ok(false)
}

/// `a op b` for one of the six rich comparisons (operator byte `opb`) with a user instance
/// among the operands on top of the stack: as `user_binop` (`runtime::compare_step`).
#[inline(never)]
fn user_compare(vm: &mut Vm, cop: CmpOp, opb: u8, a: Value, b: Value) -> PyResult<bool> {
    let step = runtime::compare_step(vm, cop, a, b, 0, true)?;
    dunder_step(vm, step, runtime::DUNDER_COMPARE, opb)
}

/// The operands `a, b` are the top two stack slots: replace them with the result, or push
/// copies of the special method's arguments and its frame (true).
#[inline(always)]
fn dunder_step(vm: &mut Vm, step: runtime::Step, kind: u16, opb: u8) -> PyResult<bool> {
    let l = vm.stack.len();
    match step {
        runtime::Step::Done(r) => {
            vm.stack.truncate(l - 2);
            vm.stack.push(r);
            Ok(false)
        }
        runtime::Step::Call { f, x, y, next } => {
            vm.stack.push(x);
            vm.stack.push(y);
            match push_dunder_frame(vm, f, l, 2, l - 2, runtime::dunder_code(kind, opb, next))? {
                None => Ok(true),
                Some(g) => {
                    vm.stack.push(g);
                    Ok(false)
                }
            }
        }
    }
}

/// A special method whose result is used as it is (`-a`, `a[k]`), a plain Python
/// function `f` of the user instance's class, called with the `n` operands on top of the
/// stack as its arguments, in place: true when its frame was pushed, false when the result
/// (a generator) replaced them.
#[inline(never)]
fn dunder_plain(vm: &mut Vm, f: Value, n: usize) -> PyResult<bool> {
    let at = vm.stack.len() - n;
    match push_dunder_frame(vm, f, at, n, at, 0)? {
        None => Ok(true),
        Some(g) => {
            vm.stack.push(g);
            Ok(false)
        }
    }
}

/// Push the frame of the special method `f` (a Python function) called with the `n`
/// arguments at `stack[args_at..]`, returning to `stack[ret_sp]`, with `Frame::dunder` set
/// to `dunder`. Some(generator) instead when `f` is a generator function (its result).
#[inline(always)]
fn push_dunder_frame(vm: &mut Vm, f: Value, args_at: usize, n: usize, ret_sp: usize, dunder: u16) -> PyResult<Option<Value>> {
    let g = call::enter_function(vm, f, args_at as u32, n, &[], ret_sp as u32, false, Value::NULL)?;
    if g.is_none() {
        if let Some(t) = vm.frames.last_mut() {
            t.dunder = dunder;
        }
    }
    Ok(g)
}

/// For `list[i]` with a small int `i` in range (negative counts from the end): the
/// list's items array and the index into it. None for anything else (the slow path then
/// raises or dispatches).
#[inline(always)]
fn list_slot(vm: &Vm, o: Value, k: Value) -> Option<(u32, usize)> {
    let (off, i) = (o.as_obj()?, k.as_small()?);
    if vm.heap.kind(off) != Kind::List {
        return None;
    }
    let lo = vm.heap.get::<obj::ListObj>(off);
    let (items, n) = (lo.items, lo.len as i64);
    let j = if i < 0 { i as i64 + n } else { i as i64 };
    (j >= 0 && j < n).then_some((items, j as usize))
}

/// One step of a range iterator: None if `it` is not one, Some(None) when it is exhausted,
/// else Some(Some(next value)) with the iterator advanced.
#[inline(always)]
fn range_step(vm: &mut Vm, it: Value) -> Option<Option<i64>> {
    let off = it.as_obj()?;
    if vm.heap.kind(off) != Kind::RangeIter {
        return None;
    }
    let o = vm.heap.get_mut::<obj::RangeIterObj>(off);
    let cur = o.cur;
    if (o.step > 0 && cur < o.stop) || (o.step < 0 && cur > o.stop) {
        o.cur = cur.saturating_add(o.step);
        Some(Some(cur))
    } else {
        Some(None)
    }
}

/// `a in b` / `a not in b` for an exact set, dict or str `b` (what `runtime::contains` does
/// for them, without the dispatch of `runtime::compare` and `contains`); None for any other
/// operator or container (or a non-str in a str: the general path raises).
#[inline(always)]
fn contains_fast(vm: &mut Vm, cop: CmpOp, a: Value, b: Value) -> PyResult<Option<bool>> {
    if !matches!(cop, CmpOp::In | CmpOp::NotIn) {
        return Ok(None);
    }
    let found = match b.as_obj().map(|o| vm.heap.kind(o)) {
        Some(Kind::Set) => obj::set::set_contains(vm, b, a)?,
        Some(Kind::Dict) => vm.dict_get(b, a)?.is_some(),
        // An exact str (interned or heap) and a str item: substring search.
        None | Some(Kind::Str) => match (vm.str_of(b), vm.str_of(a)) {
            (Some(h), Some(n)) => obj::search::find(h.as_bytes(), n.as_bytes()).is_some(),
            _ => return Ok(None),
        },
        _ => return Ok(None),
    };
    Ok(Some(found == (cop == CmpOp::In)))
}

/// The truth of a bool, small int or None without a call (`if n:`, `while k:`, `x or y`);
/// None for anything else.
#[inline(always)]
fn truthy_fast(v: Value) -> Option<bool> {
    if v == Value::TRUE {
        Some(true)
    } else if v == Value::FALSE || v == Value::NONE {
        Some(false)
    } else {
        v.as_small().map(|i| i != 0)
    }
}

/// `a <op> b` for two small ints when the result is a small int (no allocation, no error).
#[inline(always)]
fn binary_small(bop: BinOp, a: Value, b: Value) -> Option<Value> {
    let (x, y) = (a.as_small()?, b.as_small()?);
    match bop {
        BinOp::Add => Value::try_small(x as i64 + y as i64),
        BinOp::Sub => Value::try_small(x as i64 - y as i64),
        BinOp::Mul => Value::try_small(x as i64 * y as i64),
        BinOp::FloorDiv if y != 0 => Value::try_small((x as i64).div_euclid(y as i64) - if (x as i64).rem_euclid(y as i64) != 0 && y < 0 { 1 } else { 0 }),
        BinOp::Mod if y != 0 => {
            let m = (x as i64) % (y as i64);
            Value::try_small(if m != 0 && ((m < 0) != (y < 0)) { m + y as i64 } else { m })
        }
        BinOp::And => Some(Value::small(x & y)),
        BinOp::Or => Some(Value::small(x | y)),
        BinOp::Xor => Some(Value::small(x ^ y)),
        // A negative count raises ValueError: the general path.
        BinOp::RShift if y >= 0 => Some(Value::small(x >> y.min(31))),
        BinOp::LShift if (0..32).contains(&y) => Value::try_small((x as i64) << y),
        _ => None,
    }
}

/// `a <op> b` for `+ - * /` with a float and a float or small int (not division by zero):
/// the f64 result, to be boxed by the caller.
#[inline(always)]
fn binary_float(vm: &Vm, bop: BinOp, a: Value, b: Value) -> Option<f64> {
    if !matches!(bop, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv) {
        return None;
    }
    let (x, xf) = float_or_small(vm, a)?;
    let (y, yf) = float_or_small(vm, b)?;
    if !(xf || yf) || (bop == BinOp::TrueDiv && y == 0.0) {
        return None;
    }
    Some(match bop {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        _ => x / y,
    })
}

/// `a <op> b` for identity (`is`, `is not`: the same value, as `runtime::compare`), two
/// small ints, two interned strs, or a float and a float or small int (exact: small ints are exactly
/// representable as f64; NaN compares as IEEE and Python say), for the six
/// ordering/equality operators. None: take the general path.
#[inline(always)]
fn compare_fast(vm: &Vm, cop: CmpOp, a: Value, b: Value) -> Option<bool> {
    match cop {
        CmpOp::Is => return Some(a == b),
        CmpOp::IsNot => return Some(a != b),
        _ => {}
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Some(match cop {
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
            _ => return None,
        });
    }
    if !matches!(cop, CmpOp::Lt | CmpOp::Le | CmpOp::Eq | CmpOp::Ne | CmpOp::Gt | CmpOp::Ge) {
        return None;
    }
    if let (Some(x), Some(y)) = (a.as_qstr(), b.as_qstr()) {
        // Two interned strs: equal exactly when they are the same qstr (interning keeps
        // one id per text); ordered by their UTF-8 bytes (code point order), as
        // `runtime::compare` orders strs.
        let o = if x == y { core::cmp::Ordering::Equal } else { vm.qstr_str(x).cmp(vm.qstr_str(y)) };
        return Some(match cop {
            CmpOp::Lt => o.is_lt(),
            CmpOp::Le => o.is_le(),
            CmpOp::Eq => o.is_eq(),
            CmpOp::Ne => o.is_ne(),
            CmpOp::Gt => o.is_gt(),
            _ => o.is_ge(),
        });
    }
    let (x, xf) = float_or_small(vm, a)?;
    let (y, yf) = float_or_small(vm, b)?;
    if !(xf || yf) {
        return None;
    }
    Some(match cop {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        CmpOp::Gt => x > y,
        _ => x >= y,
    })
}

/// The value of a float (flag true) or small int (flag false) operand, for the float
/// fast path of `BinaryOp`.
#[inline(always)]
fn float_or_small(vm: &Vm, v: Value) -> Option<(f64, bool)> {
    if let Some(i) = v.as_small() {
        return Some((i as f64, false));
    }
    let off = v.as_obj()?;
    if vm.heap.kind(off) == Kind::Float {
        return Some((vm.heap.get::<obj::FloatObj>(off).v, true));
    }
    None
}

fn unbound_local(vm: &mut Vm, code: Value, i: usize) -> Exc {
    let vn = vm.code(code).varnames;
    let n = vm.tuple_items(vn).and_then(|t| t.get(i).copied()).unwrap_or(Value::NONE);
    let n = alloc::string::String::from(vm.str_of(n).unwrap_or("?"));
    vm.raise_fmt(TypeId::UnboundLocalError, format_args!("local variable '{n}' referenced before assignment"))
}

fn name_error(vm: &mut Vm, n: crate::qstr::Qstr) -> Exc {
    let s = alloc::string::String::from(vm.qstr_str(n));
    vm.raise_fmt(TypeId::NameError, format_args!("name '{s}' is not defined"))
}

fn mapping_get(vm: &mut Vm, m: Value, k: Value) -> PyResult<Option<Value>> {
    match runtime::getitem(vm, m, k) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            if vm.exc_matches(vm.exc, TypeId::KeyError) {
                vm.exc = Value::NULL;
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

fn cell_get(vm: &Vm, cell: Value) -> Value {
    match cell.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Cell => vm.heap.get::<obj::CellObj>(o).v,
        _ => Value::NULL,
    }
}

fn cell_set(vm: &mut Vm, cell: Value, v: Value) {
    if let Some(o) = cell.as_obj() {
        if vm.heap.kind(o) == Kind::Cell {
            vm.heap.get_mut::<obj::CellObj>(o).v = v;
        }
    }
}

fn dict_update(vm: &mut Vm, target: Value, src: Value, merge: bool) -> PyResult<()> {
    if vm.dict_off(src).is_some() && src.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Dict) {
        for (k, v) in vm.dict_items(src) {
            if merge && vm.dict_get(target, k)?.is_some() {
                let ks = runtime::repr_string(vm, k)?;
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("got multiple values for keyword argument {ks}")));
            }
            vm.dict_set(target, k, v)?;
        }
        return Ok(());
    }
    // Any mapping with keys() and __getitem__.
    let keys = runtime::call_method(vm, src, q!("keys"), &[]);
    let keys = match keys {
        Ok(k) => k,
        Err(_) => {
            vm.exc = Value::NULL;
            let t = runtime::type_name(vm, src);
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not a mapping")));
        }
    };
    vm.root(keys);
    for k in runtime::collect_iter(vm, keys)? {
        let v = runtime::getitem(vm, src, k)?;
        vm.root(v);
        vm.dict_set(target, k, v)?;
    }
    Ok(())
}

fn unpack_items(vm: &mut Vm, s: Value, n: Option<usize>) -> PyResult<Vec<Value>> {
    let items = if let Some(t) = vm.tuple_items(s) {
        t.to_vec()
    } else if s.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::List) {
        vm.list_items(s).map(|x| x.to_vec()).unwrap_or_default()
    } else {
        let it = runtime::iter(vm, s)?;
        vm.root(it);
        let mut out = Vec::new();
        while let Some(x) = runtime::next(vm, it)? {
            vm.root(x);
            out.push(x);
            if let Some(n) = n {
                if out.len() > n {
                    break;
                }
            }
        }
        out
    };
    if let Some(n) = n {
        if items.len() > n {
            return Err(vm.raise_fmt(TypeId::ValueError, format_args!("too many values to unpack (expected {n})")));
        }
        if items.len() < n {
            return Err(vm.raise_fmt(TypeId::ValueError, format_args!("not enough values to unpack (expected {n}, got {})", items.len())));
        }
    }
    Ok(items)
}

/// `raise e [from cause]`: classes are instantiated; context is chained.
fn raise_value(vm: &mut Vm, e: Value, cause: Option<Value>) -> Exc {
    let e = if runtime::is_type(vm, e) {
        match call::call(vm, e, &[], &[]) {
            Ok(x) => x,
            Err(x) => return x,
        }
    } else {
        e
    };
    if !vm.is_exception(e) {
        return vm.raise(TypeId::TypeError, "exceptions must derive from BaseException");
    }
    let off = e.as_obj().unwrap_or(0);
    if let Some(c) = cause {
        let c = if runtime::is_type(vm, c) {
            match call::call(vm, c, &[], &[]) {
                Ok(x) => x,
                Err(x) => return x,
            }
        } else {
            c
        };
        let eo = vm.heap.get_mut::<obj::ExcObj>(off);
        eo.cause = if c.is_none() { Value::NULL } else { c };
        eo.h.flags |= 1;
    }
    let h = vm.handled;
    if !h.is_null() && h != e {
        let eo = vm.heap.get_mut::<obj::ExcObj>(off);
        if eo.context.is_null() {
            eo.context = h;
        }
    }
    vm.set_exception(e)
}

/// The running generator frame (the top one) yields `x`, resuming at `resume` later.
/// Resumed by the caller's ForIter in this loop: the value goes onto the caller's stack
/// and the caller continues (Ok(false): continue with the top frame). Resumed by a `yield
/// from` in the frame below (`delegated`): that frame yields the value in turn (it
/// resumes at its `yield from`, its `op`). Resumed from native code (`entry`): Ok(true),
/// `run` returns the value with `vm.yielded` set.
#[inline(never)]
fn yield_up(vm: &mut Vm, x: Value, mut resume: u32) -> PyResult<bool> {
    loop {
        let Some(f) = vm.frames.last() else { return Err(vm.raise(TypeId::RuntimeError, "yield outside generator")) };
        let k = vm.frames.len() - 1;
        let (entry, delegated, ret_sp) = (f.entry, f.delegated, f.ret_sp as usize);
        if f.generator.is_null() {
            return Err(vm.raise(TypeId::RuntimeError, "yield outside generator"));
        }
        if entry {
            // The native caller holds the value in a Rust local.
            vm.root(x);
            if !yield_frame(vm, k, resume) {
                return Err(vm.raise(TypeId::RuntimeError, "corrupt generator frame"));
            }
            vm.yielded = true;
            return Ok(true);
        }
        let ch = vm.stack.get(ret_sp).copied().unwrap_or(Value::NULL);
        if !yield_frame(vm, k, resume) {
            return Err(vm.raise(TypeId::RuntimeError, "corrupt generator frame"));
        }
        vm.handled = ch;
        if !delegated {
            vm.stack.push(x);
            return Ok(false);
        }
        // The delegating frame (now on top) yields `x` from its `yield from`, with the
        // delegate on its stack as when it delegates.
        resume = vm.frames.last().map_or(0, |p| p.op);
    }
}

/// Save the running generator frame `fi` (everything above its base) and pop it.
/// Returns false if the frame is not a generator's.
fn yield_frame(vm: &mut Vm, fi: usize, resume_ip: u32) -> bool {
    let Some(fr) = vm.frames.get(fi) else { return false };
    let (generator, base, ret_sp) = (fr.generator, fr.base as usize, fr.ret_sp as usize);
    let Some(g) = generator.as_obj() else { return false };
    let arr = vm.heap.get::<obj::GenObj>(g).frame;
    // The frame window goes straight from the VM stack into the generator's array.
    let window = vm.stack.get(base..).unwrap_or(&[]);
    let window_len = window.len();
    let Some(dst) = vm.heap.vals_mut(arr).get_mut(..window_len) else { return false };
    dst.copy_from_slice(window);
    let handled = vm.handled;
    let go = vm.heap.get_mut::<obj::GenObj>(g);
    go.sp = window_len as u32;
    go.ip = resume_ip;
    go.h.flags = obj::GEN_SUSPENDED;
    go.handled = handled;
    vm.frames.pop();
    vm.stack.truncate(ret_sp);
    true
}

/// Resume generator `g`, sending `send` (pushed as the value of the suspended yield) or
/// throwing `throw` at the point where it is suspended.
pub fn gen_resume(vm: &mut Vm, g: Value, send: Value, throw: Option<Value>) -> PyResult<GenStep> {
    let off = g.as_obj().unwrap_or(0);
    let go = vm.heap.get::<obj::GenObj>(off);
    let (state, code, arr, sp, ip) = (go.h.flags, go.code, go.frame, go.sp, go.ip);
    match state {
        obj::GEN_RUNNING => return Err(vm.raise(TypeId::ValueError, "generator already executing")),
        obj::GEN_DONE => {
            return Err(match throw {
                Some(e) => vm.set_exception(e),
                None => vm.raise_empty(TypeId::StopIteration),
            });
        }
        obj::GEN_CREATED if throw.is_none() && !send.is_none() => {
            return Err(vm.raise(TypeId::TypeError, "can't send non-None value to a just-started generator"));
        }
        _ => {}
    }
    if state == obj::GEN_CREATED {
        if let Some(e) = throw {
            vm.heap.get_mut::<obj::GenObj>(off).h.flags = obj::GEN_DONE;
            return Err(vm.set_exception(e));
        }
    }
    // Throwing into a generator suspended in `yield from`: forward to the delegate.
    if let Some(e) = throw {
        if state == obj::GEN_SUSPENDED {
            let bc = vm.code(code).bytecode;
            let at_yf = vm.heap.raw(bc).get(ip as usize).copied() == Some(Op::YieldFrom as u8);
            if at_yf && sp > 0 {
                let it = vm.heap.vals(arr)[sp as usize - 1];
                vm.heap.get_mut::<obj::GenObj>(off).h.flags = obj::GEN_RUNNING;
                let r = delegate(vm, it, Value::NONE, Some(e));
                vm.heap.get_mut::<obj::GenObj>(off).h.flags = obj::GEN_SUSPENDED;
                match r {
                    Ok(GenStep::Yield(x)) => return Ok(GenStep::Yield(x)),
                    Ok(GenStep::Return(r)) => {
                        // The delegate finished: continue after YieldFrom with its value.
                        vm.heap.vals_mut(arr)[sp as usize - 1] = r;
                        vm.heap.get_mut::<obj::GenObj>(off).ip = ip + 1;
                        return gen_resume_inner(vm, g, off, None, None);
                    }
                    Err(_) => {
                        let e2 = vm.take_exception();
                        return gen_resume_inner(vm, g, off, None, Some(e2));
                    }
                }
            }
        }
    }
    let push = if state == obj::GEN_SUSPENDED && throw.is_none() { Some(send) } else { None };
    gen_resume_inner(vm, g, off, push, throw)
}

fn gen_resume_inner(vm: &mut Vm, g: Value, off: u32, push: Option<Value>, throw: Option<Value>) -> PyResult<GenStep> {
    if vm.frames.len() >= vm.config.max_frames || vm.native_depth >= vm.config.max_native_depth {
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let (caller_handled, ret_sp) = push_generator_frame(vm, g, off, g, push, true)?;
    vm.root(caller_handled);
    if let Some(e) = throw {
        vm.exc = e;
        vm.throw_pending = true;
    }
    vm.yielded = false;
    vm.native_depth += 1;
    let r = run(vm);
    vm.native_depth -= 1;
    vm.stack.truncate(ret_sp);
    let yielded = core::mem::replace(&mut vm.yielded, false);
    let gh = vm.handled;
    vm.handled = caller_handled;
    if let Ok(v) = r {
        vm.root(v);
    }
    match r {
        Ok(v) if yielded => {
            vm.heap.get_mut::<obj::GenObj>(off).handled = gh;
            Ok(GenStep::Yield(v))
        }
        Ok(v) => {
            let go = vm.heap.get_mut::<obj::GenObj>(off);
            go.h.flags = obj::GEN_DONE;
            go.frame = 0;
            Ok(GenStep::Return(v))
        }
        Err(e) => {
            let go = vm.heap.get_mut::<obj::GenObj>(off);
            go.h.flags = obj::GEN_DONE;
            go.frame = 0;
            stop_iteration_escaped(vm, off);
            Err(e)
        }
    }
}

/// A StopIteration leaving generator `g` (heap offset) becomes RuntimeError with the
/// StopIteration as its cause (PEP 479); any other pending exception is left as it is.
fn stop_iteration_escaped(vm: &mut Vm, g: u32) {
    if !vm.exc_matches(vm.exc, TypeId::StopIteration) {
        return;
    }
    let inner = vm.exc;
    let is_coro = vm.heap.get::<obj::GenObj>(g).h.aux == 1;
    let msg = if is_coro { "coroutine raised StopIteration" } else { "generator raised StopIteration" };
    let _ = vm.raise(TypeId::RuntimeError, msg);
    if let Some(eo) = vm.exc.as_obj() {
        vm.heap.get_mut::<obj::ExcObj>(eo).cause = inner;
    }
}

/// Push the frame of generator `g` (heap offset `off`) resumed from its saved window
/// `arr[..sp]` at `ip`: first `below` (the slot the frame returns to), then the window,
/// then `push` (the value of the suspended `yield`, if any). The generator's handled
/// exception becomes current and it is marked running. Returns the caller's handled
/// exception (for the caller to restore) and the stack length to return to.
#[inline(always)]
fn push_generator_frame(
    vm: &mut Vm,
    g: Value,
    off: u32,
    below: Value,
    push: Option<Value>,
    entry: bool,
) -> PyResult<(Value, usize)> {
    let go = vm.heap.get::<obj::GenObj>(off);
    let (code, globals, func, arr, sp, ip, ghandled) = (go.code, go.globals, go.func, go.frame, go.sp as usize, go.ip, go.handled);
    let ret_sp = vm.stack.len();
    let Some(window) = vm.heap.vals(arr).get(..sp) else {
        return Err(vm.raise(TypeId::RuntimeError, "corrupt generator frame"));
    };
    vm.stack.reserve(sp + 2);
    vm.stack.push(below);
    let base = vm.stack.len();
    vm.stack.extend_from_slice(window);
    if let Some(v) = push {
        vm.stack.push(v);
    }
    let caller_handled = core::mem::replace(&mut vm.handled, ghandled);
    vm.heap.get_mut::<obj::GenObj>(off).h.flags = obj::GEN_RUNNING;
    let view = crate::vm::CodeView::of(vm.code(code));
    vm.frames.push(crate::vm::Frame::resume(code, view, globals, func, base, ret_sp, ip, g, entry));
    Ok((caller_handled, ret_sp))
}

/// One step of `yield from` / `await` delegation to `it`.
fn delegate(vm: &mut Vm, it: Value, v: Value, throw: Option<Value>) -> PyResult<GenStep> {
    if let Some(o) = it.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Generator) {
        if throw.is_none() && vm.heap.get::<obj::GenObj>(o).h.flags == obj::GEN_DONE {
            // An exhausted delegate raises a bare StopIteration: `yield from` gives None.
            return Ok(GenStep::Return(Value::NONE));
        }
        return gen_resume(vm, it, v, throw);
    }
    let r = match throw {
        Some(e) => match runtime::getattr_opt(vm, it, q!("throw"))? {
            Some(t) => call::call(vm, t, &[e], &[]),
            None => return Err(vm.set_exception(e)),
        },
        None if v.is_none() => match runtime::next(vm, it)? {
            Some(x) => return Ok(GenStep::Yield(x)),
            None => return Ok(GenStep::Return(Value::NONE)),
        },
        None => runtime::call_method(vm, it, q!("send"), &[v]),
    };
    match r {
        Ok(x) => Ok(GenStep::Yield(x)),
        Err(e) => {
            if vm.exc_matches(vm.exc, TypeId::StopIteration) {
                let ex = vm.take_exception();
                let args = vm.exc_args(ex);
                let val = vm.tuple_items(args).and_then(|a| a.first().copied()).unwrap_or(Value::NONE);
                Ok(GenStep::Return(val))
            } else {
                Err(e)
            }
        }
    }
}

/// `next(generator)`: Some(value) or None when it finished.
pub fn gen_next(vm: &mut Vm, g: Value) -> PyResult<Option<Value>> {
    let off = g.as_obj().unwrap_or(0);
    let go = vm.heap.get::<obj::GenObj>(off);
    match go.h.flags {
        obj::GEN_DONE => return Ok(None),
        obj::GEN_SUSPENDED => {
            // The common case, straight to the resume (what `gen_resume` does for a
            // suspended generator sent None): a StopIteration raised inside becomes
            // RuntimeError there, so an error here is never the end of iteration.
            return match gen_resume_inner(vm, g, off, Some(Value::NONE), None)? {
                GenStep::Yield(v) => Ok(Some(v)),
                GenStep::Return(_) => Ok(None),
            };
        }
        _ => {}
    }
    match gen_resume(vm, g, Value::NONE, None) {
        Ok(GenStep::Yield(v)) => Ok(Some(v)),
        Ok(GenStep::Return(_)) => Ok(None),
        Err(e) => {
            // A finished generator raises StopIteration from gen_resume: absorb it.
            if vm.exc_matches(vm.exc, TypeId::StopIteration) && vm.heap.get::<obj::GenObj>(g.as_obj().unwrap_or(0)).h.flags == obj::GEN_DONE {
                let args = vm.exc_args(vm.exc);
                if vm.tuple_items(args).is_some_and(|a| a.is_empty()) {
                    vm.exc = Value::NULL;
                    return Ok(None);
                }
            }
            Err(e)
        }
    }
}

/// Run a loaded module-level code object with `globals` (= locals) and return its value.
pub fn run_code(vm: &mut Vm, code: Value, globals: Value, locals: Value) -> PyResult<Value> {
    if vm.frames.len() >= vm.config.max_frames {
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let c = vm.code(code);
    let n_locals = c.n_locals as usize;
    let flags = CodeFlags(c.h.aux);
    let _ = flags;
    let ret_sp = vm.stack.len();
    vm.stack.push(code);
    let base = vm.stack.len();
    vm.stack.resize(base + n_locals, Value::NULL);
    let locals = if locals.is_null() { globals } else { locals };
    let view = crate::vm::CodeView::of(vm.code(code));
    vm.frames.push(crate::vm::Frame::call(code, view, globals, locals, Value::NULL, base, ret_sp as u32, true));
    vm.native_depth += 1;
    let r = run(vm);
    vm.native_depth -= 1;
    vm.stack.truncate(ret_sp);
    r
}
