//! `sys.stdin`, `sys.stdout`, `sys.stderr`: small Python-visible stream objects over the
//! port's console.

use crate::obj::{self, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn stream_write(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let which = args[0].as_obj().map_or(1, |o| vm.heap.get::<Obj4>(o).i);
    let data: alloc::vec::Vec<u8> = match vm.str_of(args[1]) {
        Some(s) => s.as_bytes().to_vec(),
        None => match obj::bytes::buffer_of(vm, args[1]) {
            Some(b) => b,
            None => return Err(vm.raise(TypeId::TypeError, "write() argument must be str")),
        },
    };
    if which == 2 {
        vm.port.stderr_write(&data);
    } else {
        vm.port.stdout_write(&data);
    }
    let n = if vm.str_of(args[1]).is_some() { runtime::len(vm, args[1])? } else { data.len() };
    obj::int::new_int(vm, n as i64)
}

fn stream_flush(_vm: &mut Vm, _args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn stream_readline(vm: &mut Vm, _args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let mut line = alloc::vec::Vec::new();
    let mut b = [0u8; 1];
    loop {
        let n = vm.port.stdin_read(&mut b);
        if n == 0 {
            break;
        }
        line.push(b[0]);
        if b[0] == b'\n' {
            break;
        }
    }
    let s = alloc::string::String::from_utf8_lossy(&line).into_owned();
    vm.new_str(&s)
}

fn stream_read(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let n = match args.get(1) {
        Some(&v) if !v.is_none() => vm.int_i64(v).unwrap_or(-1),
        _ => -1,
    };
    let mut data = alloc::vec::Vec::new();
    let mut buf = [0u8; 256];
    while n < 0 || (data.len() as i64) < n {
        let want = if n < 0 { buf.len() } else { (n as usize - data.len()).min(buf.len()) };
        let got = vm.port.stdin_read(&mut buf[..want]);
        if got == 0 {
            break;
        }
        data.extend_from_slice(&buf[..got]);
    }
    let s = alloc::string::String::from_utf8_lossy(&data).into_owned();
    vm.new_str(&s)
}

/// Make (stdin, stdout, stderr) stream objects.
pub fn make_streams(vm: &mut Vm) -> PyResult<(Value, Value, Value)> {
    let mut out = [Value::NULL; 3];
    for (i, slot) in out.iter_mut().enumerate() {
        let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
        let o = vm.heap.get_mut::<Obj4>(off);
        o.h.aux = TypeId::TextIOWrapper as u16;
        o.i = i as u32;
        *slot = Value::obj(off);
    }
    Ok((out[0], out[1], out[2]))
}

/// Methods of the console stream type.
pub static STREAM_METHODS: &[(Qstr, crate::types::Attr)] = &[
    fun!(q!("write"), stream_write, 2, 2),
    fun!(q!("flush"), stream_flush, 1, 1),
    fun!(q!("readline"), stream_readline, 1, 2),
    fun!(q!("read"), stream_read, 1, 2),
    (q!("buffer"), crate::types::Attr::Type(TypeId::ConsoleBuffer)),
];
