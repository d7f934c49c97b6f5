//! The registry of built-in types and modules (the analogue of MicroPython's
//! `MP_REGISTER_MODULE` tables): `TypeId` → `TypeDef`, `ModuleId` → `ModuleDef`.

use crate::modules;
use crate::obj;
use crate::types::{ModuleDef, ModuleId, TypeDef, TypeId};

macro_rules! plain {
    ($name:literal, $base:ident) => {{
        const T: TypeDef = TypeDef::plain($name, TypeId::$base);
        &T
    }};
}

macro_rules! exc {
    ($name:literal, $base:ident) => {{
        const T: TypeDef = TypeDef {
            name: $name,
            base: Some(TypeId::$base),
            locals: &[],
            new: Some(obj::exc::exc_new),
            subclassable: true,
        };
        &T
    }};
}

/// The definition of a built-in type: one load from a table built at compile time
/// (native calls, attribute lookups and `type()` ask for it constantly).
#[inline]
pub fn type_def(t: TypeId) -> &'static TypeDef {
    TYPE_DEFS[t as usize]
}

/// The definition of the built-in type with index `t` (a type immediate's payload).
#[inline]
pub fn type_def_at(t: usize) -> Option<&'static TypeDef> {
    TYPE_DEFS.get(t).copied()
}

static TYPE_DEFS: [&TypeDef; TypeId::COUNT] = {
    let mut a: [&TypeDef; TypeId::COUNT] = [&obj::object::OBJECT_TYPE; TypeId::COUNT];
    let mut i = 0;
    while i < TypeId::COUNT {
        a[i] = type_def_of(TypeId::ALL[i]);
        i += 1;
    }
    a
};

const fn type_def_of(t: TypeId) -> &'static TypeDef {
    use TypeId::*;
    match t {
        Object => &obj::object::OBJECT_TYPE,
        Type => &obj::object::TYPE_TYPE,
        NoneType => plain!("NoneType", Object),
        NotImplementedType => plain!("NotImplementedType", Object),
        EllipsisType => plain!("ellipsis", Object),
        Bool => &obj::object::BOOL_TYPE,
        Int => &obj::int::INT_TYPE,
        Float => &obj::float::FLOAT_TYPE,
        Complex => &obj::complex::COMPLEX_TYPE,
        Str => &obj::str::STR_TYPE,
        Bytes => &obj::bytes::BYTES_TYPE,
        ByteArray => &obj::bytes::BYTEARRAY_TYPE,
        MemoryView => &obj::bytes::MEMORYVIEW_TYPE,
        List => &obj::list::LIST_TYPE,
        Tuple => &obj::tuple::TUPLE_TYPE,
        Dict => &obj::dict::DICT_TYPE,
        Set => &obj::set::SET_TYPE,
        FrozenSet => &obj::set::FROZENSET_TYPE,
        Range => &obj::range::RANGE_TYPE,
        Slice => &obj::slice::SLICE_TYPE,
        Function => plain!("function", Object),
        BuiltinFunction => plain!("builtin_function_or_method", Object),
        BoundMethod => plain!("method", Object),
        Cell => plain!("cell", Object),
        Code => plain!("code", Object),
        Module => plain!("module", Object),
        Generator => &obj::generator::GENERATOR_TYPE,
        Coroutine => &obj::generator::COROUTINE_TYPE,
        Property => &obj::object::PROPERTY_TYPE,
        ClassMethod => &obj::object::CLASSMETHOD_TYPE,
        StaticMethod => &obj::object::STATICMETHOD_TYPE,
        Super => &obj::object::SUPER_TYPE,
        Iterator => plain!("iterator", Object),
        RangeIterator => plain!("range_iterator", Object),
        DictKeys => plain!("dict_keys", Object),
        DictValues => plain!("dict_values", Object),
        DictItems => plain!("dict_items", Object),
        Enumerate => &obj::object::ENUMERATE_TYPE,
        Zip => &obj::object::ZIP_TYPE,
        Map => &obj::object::MAP_TYPE,
        Filter => &obj::object::FILTER_TYPE,
        Reversed => &obj::object::REVERSED_TYPE,
        BaseException => &obj::exc::BASE_EXCEPTION_TYPE,
        SystemExit => exc!("SystemExit", BaseException),
        KeyboardInterrupt => exc!("KeyboardInterrupt", BaseException),
        GeneratorExit => exc!("GeneratorExit", BaseException),
        Exception => exc!("Exception", BaseException),
        StopIteration => exc!("StopIteration", Exception),
        StopAsyncIteration => exc!("StopAsyncIteration", Exception),
        ArithmeticError => exc!("ArithmeticError", Exception),
        OverflowError => exc!("OverflowError", ArithmeticError),
        ZeroDivisionError => exc!("ZeroDivisionError", ArithmeticError),
        AssertionError => exc!("AssertionError", Exception),
        AttributeError => exc!("AttributeError", Exception),
        EOFError => exc!("EOFError", Exception),
        ImportError => exc!("ImportError", Exception),
        ModuleNotFoundError => exc!("ModuleNotFoundError", ImportError),
        LookupError => exc!("LookupError", Exception),
        IndexError => exc!("IndexError", LookupError),
        KeyError => exc!("KeyError", LookupError),
        MemoryError => exc!("MemoryError", Exception),
        NameError => exc!("NameError", Exception),
        UnboundLocalError => exc!("UnboundLocalError", NameError),
        OSError => exc!("OSError", Exception),
        RuntimeError => exc!("RuntimeError", Exception),
        RecursionError => exc!("RecursionError", RuntimeError),
        NotImplementedError => exc!("NotImplementedError", RuntimeError),
        SyntaxError => exc!("SyntaxError", Exception),
        IndentationError => exc!("IndentationError", SyntaxError),
        TypeError => exc!("TypeError", Exception),
        ValueError => exc!("ValueError", Exception),
        UnicodeError => exc!("UnicodeError", ValueError),
        UnicodeDecodeError => exc!("UnicodeDecodeError", UnicodeError),
        UnicodeEncodeError => exc!("UnicodeEncodeError", UnicodeError),
        ConnectionError => exc!("ConnectionError", OSError),
        TimeoutError => exc!("TimeoutError", OSError),
        FileNotFoundError => exc!("FileNotFoundError", OSError),
        FileExistsError => exc!("FileExistsError", OSError),
        PermissionError => exc!("PermissionError", OSError),
        IsADirectoryError => exc!("IsADirectoryError", OSError),
        NotADirectoryError => exc!("NotADirectoryError", OSError),
        StringIO => &modules::io::STRINGIO_TYPE,
        BytesIO => &modules::io::BYTESIO_TYPE,
        FileIO => &modules::io::FILEIO_TYPE,
        TextFile => &modules::io::TEXTFILE_TYPE,
        TextIOWrapper => {
            const T: TypeDef = TypeDef { name: "TextIOWrapper", base: Some(TypeId::Object), locals: modules::sys_io::STREAM_METHODS, new: None, subclassable: false };
            &T
        }
        IOBase => &modules::io::IOBASE_TYPE,
        Poll => &modules::select::POLL_TYPE,
        ConsoleBuffer => &modules::select::CONSOLE_BUFFER_TYPE,
        HashSha256 => &modules::hashlib::SHA256_TYPE,
        HashSha1 => &modules::hashlib::SHA1_TYPE,
        HashMd5 => &modules::hashlib::MD5_TYPE,
        DeflateIO => &modules::deflate::DEFLATEIO_TYPE,
        VfsLfs => &modules::vfs::VFSLFS_TYPE,
        Pin => plain!("Pin", Object),
        Timer => plain!("Timer", Object),
    }
}

/// The definition of a built-in module (a table load, as `type_def`).
#[inline]
pub fn module_def(m: ModuleId) -> &'static ModuleDef {
    MODULE_DEFS[m as usize]
}

/// The definition of the built-in module with index `m`.
#[inline]
pub fn module_def_at(m: usize) -> Option<&'static ModuleDef> {
    MODULE_DEFS.get(m).copied()
}

static MODULE_DEFS: [&ModuleDef; ModuleId::COUNT] = {
    let mut a: [&ModuleDef; ModuleId::COUNT] = [&modules::builtins::MODULE; ModuleId::COUNT];
    let mut i = 0;
    while i < ModuleId::COUNT {
        a[i] = module_def_of(ModuleId::ALL[i]);
        i += 1;
    }
    a
};

const fn module_def_of(m: ModuleId) -> &'static ModuleDef {
    match m {
        ModuleId::Builtins => &modules::builtins::MODULE,
        ModuleId::Sys => &modules::sys::MODULE,
        ModuleId::Gc => &modules::gc::MODULE,
        ModuleId::Micropython => &modules::micropython::MODULE,
        ModuleId::Math => &modules::math::MODULE,
        ModuleId::Time => &modules::time::MODULE,
        ModuleId::Os => &modules::os::MODULE,
        ModuleId::Io => &modules::io::MODULE,
        ModuleId::Vfs => &modules::vfs::MODULE,
        ModuleId::Errno => &modules::errno::MODULE,
        ModuleId::Hashlib => &modules::hashlib::MODULE,
        ModuleId::Binascii => &modules::binascii::MODULE,
        ModuleId::Struct => &modules::r#struct::MODULE,
        ModuleId::Select => &modules::select::MODULE,
        ModuleId::Deflate => &modules::deflate::MODULE,
    }
}

/// Find a built-in module by name.
pub fn module_by_name(name: &str) -> Option<ModuleId> {
    ModuleId::ALL.iter().copied().find(|&m| module_def(m).name == name || (name == "utime" && m == ModuleId::Time) || (name == "usys" && m == ModuleId::Sys) || (name == "uos" && m == ModuleId::Os) || (name == "uio" && m == ModuleId::Io) || (name == "uerrno" && m == ModuleId::Errno) || (name == "uhashlib" && m == ModuleId::Hashlib) || (name == "ubinascii" && m == ModuleId::Binascii) || (name == "ustruct" && m == ModuleId::Struct) || (name == "uselect" && m == ModuleId::Select))
}
