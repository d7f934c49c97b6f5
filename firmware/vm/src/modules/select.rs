//! `select.poll` (POLLIN on `sys.stdin` through `Port::stdin_available`; console output
//! is always writable; other objects are asked through their `ioctl(3, mask)` if they
//! have one, else reported ready) and `sys.stdin.buffer`/`sys.stdout.buffer`.

use crate::obj::{self, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, Fun, ModuleDef, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

const POLLIN: i64 = 1;
const POLLOUT: i64 = 4;
const POLLERR: i64 = 8;
const POLLHUP: i64 = 16;

fn poll_new(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = obj::list::new_list(vm, &[])?;
    let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = TypeId::Poll as u16;
    o.a = l;
    Ok(Value::obj(off))
}

fn regs(vm: &mut Vm, p: Value) -> PyResult<Value> {
    match p.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Native && vm.heap.get::<Obj4>(o).h.aux == TypeId::Poll as u16 => Ok(vm.heap.get::<Obj4>(o).a),
        _ => Err(vm.raise(TypeId::TypeError, "not a poll object")),
    }
}

/// Index of `obj` in the registration list (pairs obj, mask flattened).
fn find(vm: &Vm, l: Value, obj_v: Value) -> Option<usize> {
    let items = vm.list_items(l)?;
    (0..items.len() / 2).find(|&i| items[2 * i] == obj_v)
}

fn register(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = regs(vm, args[0])?;
    let mask = args.get(2).copied().unwrap_or(Value::small((POLLIN | POLLOUT) as i32));
    match find(vm, l, args[1]) {
        Some(i) => vm.list_items_mut(l)[2 * i + 1] = mask,
        None => {
            vm.list_push(l, args[1])?;
            vm.list_push(l, mask)?;
        }
    }
    Ok(Value::NONE)
}

fn unregister(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = regs(vm, args[0])?;
    if let Some(i) = find(vm, l, args[1]) {
        vm.list_remove_at(l, 2 * i);
        vm.list_remove_at(l, 2 * i);
    }
    Ok(Value::NONE)
}

fn modify(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = regs(vm, args[0])?;
    match find(vm, l, args[1]) {
        Some(i) => {
            vm.list_items_mut(l)[2 * i + 1] = args[2];
            Ok(Value::NONE)
        }
        None => Err(crate::modules::os::os_error(vm, 2)),
    }
}

/// Console stream number (0 stdin, 1 stdout, 2 stderr) of a sys stream or buffer.
fn console_of(vm: &Vm, v: Value) -> Option<u32> {
    if v == TypeId::ConsoleBuffer.value() {
        return Some(0);
    }
    let o = v.as_obj()?;
    (vm.heap.kind(o) == Kind::Native && vm.heap.get::<Obj4>(o).h.aux == TypeId::TextIOWrapper as u16).then(|| vm.heap.get::<Obj4>(o).i)
}

fn ready(vm: &mut Vm, obj_v: Value, mask: i64) -> PyResult<i64> {
    match console_of(vm, obj_v) {
        Some(0) => Ok(if mask & POLLIN != 0 && vm.port.stdin_available() > 0 { POLLIN } else { 0 }),
        Some(_) => Ok(mask & POLLOUT),
        None => {
            if runtime::getattr_opt(vm, obj_v, q!("ioctl"))?.is_some() {
                let r = runtime::call_method(vm, obj_v, q!("ioctl"), &[Value::small(3), Value::small(mask as i32)])?;
                Ok(vm.int_i64(r).unwrap_or(0) & (mask | POLLERR | POLLHUP))
            } else {
                Ok(mask & (POLLIN | POLLOUT))
            }
        }
    }
}

fn do_poll(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let l = regs(vm, args[0])?;
    let timeout = match args.get(1) {
        Some(v) if !v.is_none() => match vm.int_i64(*v) {
            Some(t) => t,
            None => return Err(vm.raise(TypeId::TypeError, "timeout must be an int")),
        },
        _ => -1,
    };
    let start = vm.port.ticks_ms();
    loop {
        let items: alloc::vec::Vec<Value> = vm.list_items(l).map(|s| s.to_vec()).unwrap_or_default();
        let out = obj::list::new_list(vm, &[])?;
        for p in items.chunks(2) {
            let mask = vm.int_i64(p[1]).unwrap_or(0);
            let ev = ready(vm, p[0], mask)?;
            if ev != 0 {
                let t = obj::tuple::new_tuple(vm, &[p[0], Value::small(ev as i32)])?;
                vm.list_push(out, t)?;
            }
        }
        if vm.list_len(out) > 0 || timeout == 0 {
            return Ok(out);
        }
        if timeout > 0 && vm.port.ticks_ms().saturating_sub(start) >= timeout as u64 {
            return Ok(out);
        }
        vm.port.delay_us(1000);
        if vm.interrupt.load(core::sync::atomic::Ordering::Relaxed) {
            vm.interrupt.store(false, core::sync::atomic::Ordering::Relaxed);
            return Err(vm.raise_empty(TypeId::KeyboardInterrupt));
        }
    }
}

fn poll_poll(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    do_poll(vm, args)
}

fn poll_ipoll(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let r = do_poll(vm, &args[..args.len().min(2)])?;
    runtime::iter(vm, r)
}

/// `select.poll` objects.
pub static POLL_TYPE: TypeDef = TypeDef {
    name: "poll",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("register"), register, 2, 3),
        fun!(q!("unregister"), unregister, 2, 2),
        fun!(q!("modify"), modify, 3, 3),
        fun!(q!("poll"), poll_poll, 1, 2),
        fun!(q!("ipoll"), poll_ipoll, 1, 3),
    ],
    new: None,
    subclassable: false,
};

// ---- sys.stdin.buffer / sys.stdout.buffer: the type object itself, with static methods.

fn read_exact(vm: &mut Vm, n: usize) -> alloc::vec::Vec<u8> {
    let mut out = alloc::vec![0u8; n];
    let mut got = 0;
    while got < n {
        let k = vm.port.stdin_read(&mut out[got..]);
        if k == 0 {
            break;
        }
        got += k;
    }
    out.truncate(got);
    out
}

fn buf_read(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let n = args.first().and_then(|&v| vm.int_i64(v)).unwrap_or(1).clamp(0, 1 << 20) as usize;
    let b = read_exact(vm, n);
    obj::str::new_bytes(vm, &b)
}

fn buf_readinto(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let cap = match obj::bytes::buffer_mut(vm, args[0]) {
        Some(b) => b.len(),
        None => return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required")),
    };
    let n = args.get(1).and_then(|&v| vm.int_i64(v)).map_or(cap, |n| (n.max(0) as usize).min(cap));
    let b = read_exact(vm, n);
    if let Some(dst) = obj::bytes::buffer_mut(vm, args[0]) {
        dst[..b.len()].copy_from_slice(&b);
    }
    Ok(Value::small(b.len() as i32))
}

fn buf_write(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let Some(b) = obj::bytes::buffer_of(vm, args[0]) else {
        return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required"));
    };
    // write(buf[, n]): MicroPython's stream write takes an optional length (mpremote's mount
    // hook writes `fout.write(buf4, 2)`).
    let n = args.get(1).and_then(|&v| vm.int_i64(v)).map_or(b.len(), |n| (n.max(0) as usize).min(b.len()));
    vm.port.stdout_write_raw(&b[..n]);
    Ok(Value::small(n as i32))
}

fn buf_flush(_vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(Value::NONE)
}

const fn st(f: crate::types::NativeFn, min: u8, max: u8) -> Attr {
    Attr::StaticFun(Fun { f, min, max, kw: false })
}

/// The binary console (`sys.stdin.buffer`, `sys.stdout.buffer`).
pub static CONSOLE_BUFFER_TYPE: TypeDef = TypeDef {
    name: "FileIO",
    base: Some(TypeId::Object),
    locals: &[
        (q!("read"), st(buf_read, 0, 1)),
        (q!("readinto"), st(buf_readinto, 1, 2)),
        (q!("write"), st(buf_write, 1, 2)),
        (q!("flush"), st(buf_flush, 0, 0)),
    ],
    new: None,
    subclassable: false,
};

fn select_poll(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    poll_new(vm, args, kw)
}

/// `select`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "select",
    globals: &[
        fun!(q!("poll"), select_poll, 0, 0),
        (q!("POLLIN"), Attr::Int(POLLIN)),
        (q!("POLLOUT"), Attr::Int(POLLOUT)),
        (q!("POLLERR"), Attr::Int(POLLERR)),
        (q!("POLLHUP"), Attr::Int(POLLHUP)),
    ],
    init: None,
};
