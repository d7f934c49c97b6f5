//! `hashlib`: sha256, sha1, md5 (RustCrypto, no_std).
//!
//! The hasher state is plain data (arrays and counters, no pointers, no Drop); it is
//! kept as bytes in a bytearray (`Obj4::a`) so the GC heap owns it.

use core::mem::size_of;

use digest::Digest;

use crate::obj::{self, Kind, Obj4};
use crate::qstr::Qstr;
use crate::types::{Attr, ModuleDef, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

const _: () = assert!(!core::mem::needs_drop::<sha2::Sha256>() && !core::mem::needs_drop::<sha1::Sha1>() && !core::mem::needs_drop::<md5::Md5>());

fn load<T>(b: &[u8]) -> Option<T> {
    if b.len() != size_of::<T>() {
        return None;
    }
    // SAFETY: `b` holds exactly the bytes of a `T` written by `store`; T is plain data
    // (no pointers, no Drop: checked above for the three hashers) and read_unaligned does not need alignment.
    Some(unsafe { core::ptr::read_unaligned(b.as_ptr() as *const T) })
}

fn store<T>(t: &T) -> &[u8] {
    // SAFETY: viewing a plain-data value as its bytes.
    unsafe { core::slice::from_raw_parts(t as *const T as *const u8, size_of::<T>()) }
}

fn data_arg(vm: &mut Vm, v: Value) -> PyResult<alloc::vec::Vec<u8>> {
    match obj::bytes::buffer_of(vm, v) {
        Some(b) => Ok(b),
        None => match vm.str_of(v) {
            Some(s) => Ok(s.as_bytes().to_vec()),
            None => Err(vm.raise(TypeId::TypeError, "object with buffer protocol required")),
        },
    }
}

macro_rules! hasher {
    ($new:ident, $update:ident, $digest:ident, $ty:ty, $tid:ident) => {
        fn $new(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
            let mut h = <$ty>::new();
            if let Some(&d) = args.get(1) {
                let b = data_arg(vm, d)?;
                h.update(&b);
            }
            let st = obj::bytes::new_bytearray(vm, store(&h))?;
            let off = vm.alloc(Kind::Native, size_of::<Obj4>())?;
            let o = vm.heap.get_mut::<Obj4>(off);
            o.h.aux = TypeId::$tid as u16;
            o.a = st;
            Ok(Value::obj(off))
        }
        fn $update(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
            let b = data_arg(vm, args[1])?;
            let st = state(vm, args[0], TypeId::$tid)?;
            let Some(mut h) = obj::bytes::buffer_ref(vm, st).and_then(load::<$ty>) else {
                return Err(vm.raise(TypeId::ValueError, "bad hash state"));
            };
            h.update(&b);
            if let Some(dst) = obj::bytes::buffer_mut(vm, st) {
                dst.copy_from_slice(store(&h));
            }
            Ok(Value::NONE)
        }
        fn $digest(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
            let st = state(vm, args[0], TypeId::$tid)?;
            let Some(h) = obj::bytes::buffer_ref(vm, st).and_then(load::<$ty>) else {
                return Err(vm.raise(TypeId::ValueError, "bad hash state"));
            };
            let d = h.finalize();
            obj::str::new_bytes(vm, &d)
        }
    };
}

fn state(vm: &mut Vm, v: Value, t: TypeId) -> PyResult<Value> {
    match v.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Native && vm.heap.get::<Obj4>(o).h.aux == t as u16 => Ok(vm.heap.get::<Obj4>(o).a),
        _ => Err(vm.raise(TypeId::TypeError, "not a hash object")),
    }
}

hasher!(sha256_new, sha256_update, sha256_digest, sha2::Sha256, HashSha256);
hasher!(sha1_new, sha1_update, sha1_digest, sha1::Sha1, HashSha1);
hasher!(md5_new, md5_update, md5_digest, md5::Md5, HashMd5);

fn hexdigest(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = crate::runtime::call_method(vm, args[0], q!("digest"), &[])?;
    let b = obj::bytes::buffer_of(vm, d).unwrap_or_default();
    let mut s = alloc::string::String::with_capacity(b.len() * 2);
    for x in b {
        let _ = core::fmt::Write::write_fmt(&mut s, format_args!("{x:02x}"));
    }
    vm.new_str(&s)
}

/// `hashlib.sha256`.
pub static SHA256_TYPE: TypeDef = TypeDef {
    name: "sha256",
    base: Some(TypeId::Object),
    locals: &[fun!(q!("update"), sha256_update, 2, 2), fun!(q!("digest"), sha256_digest, 1, 1), fun!(q!("hexdigest"), hexdigest, 1, 1)],
    new: Some(sha256_new),
    subclassable: false,
};
/// `hashlib.sha1`.
pub static SHA1_TYPE: TypeDef = TypeDef {
    name: "sha1",
    base: Some(TypeId::Object),
    locals: &[fun!(q!("update"), sha1_update, 2, 2), fun!(q!("digest"), sha1_digest, 1, 1), fun!(q!("hexdigest"), hexdigest, 1, 1)],
    new: Some(sha1_new),
    subclassable: false,
};
/// `hashlib.md5`.
pub static MD5_TYPE: TypeDef = TypeDef {
    name: "md5",
    base: Some(TypeId::Object),
    locals: &[fun!(q!("update"), md5_update, 2, 2), fun!(q!("digest"), md5_digest, 1, 1), fun!(q!("hexdigest"), hexdigest, 1, 1)],
    new: Some(md5_new),
    subclassable: false,
};

/// `hashlib`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "hashlib",
    globals: &[
        (q!("sha256"), Attr::Type(TypeId::HashSha256)),
        (q!("sha1"), Attr::Type(TypeId::HashSha1)),
        (q!("md5"), Attr::Type(TypeId::HashMd5)),
    ],
    init: None,
};
