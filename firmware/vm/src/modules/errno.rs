//! `errno`: MicroPython's errno values and `errorcode`.

use crate::obj;
use crate::types::ModuleDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// (name, value) of every errno constant the board knows (MicroPython's `mperrno.h`).
pub static ERRNOS: &[(&str, i64)] = &[
    ("EPERM", 1), ("ENOENT", 2), ("EIO", 5), ("EBADF", 9), ("EAGAIN", 11), ("ENOMEM", 12),
    ("EACCES", 13), ("EEXIST", 17), ("ENODEV", 19), ("ENOTDIR", 20), ("EISDIR", 21),
    ("EINVAL", 22), ("EFBIG", 27), ("ENOSPC", 28), ("EROFS", 30), ("ENAMETOOLONG", 36),
    ("ENOTEMPTY", 39), ("EOPNOTSUPP", 95), ("EADDRINUSE", 98), ("ECONNABORTED", 103),
    ("ECONNRESET", 104), ("ENOBUFS", 105), ("ENOTCONN", 107), ("ETIMEDOUT", 110),
    ("ECONNREFUSED", 111), ("EHOSTUNREACH", 113), ("EALREADY", 114), ("EINPROGRESS", 115),
];

/// The symbolic name of an errno value.
pub fn name_of(n: i64) -> Option<&'static str> {
    ERRNOS.iter().find(|(_, v)| *v == n).map(|(s, _)| *s)
}

fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let codes = obj::dict::new_dict(vm)?;
    vm.dict_set(d, Value::qstr(q!("errorcode")), codes)?;
    for (name, v) in ERRNOS {
        let q = Value::qstr(vm.intern(name));
        vm.dict_set(d, q, Value::small(*v as i32))?;
        vm.dict_set(codes, Value::small(*v as i32), q)?;
    }
    Ok(())
}

/// `errno`.
pub static MODULE: ModuleDef = ModuleDef { name: "errno", globals: &[], init: Some(init) };
