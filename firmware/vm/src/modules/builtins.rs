//! The `builtins` module: print, len, isinstance, sorted, ... and the builtin types.

use alloc::string::String;
use alloc::vec::Vec;

use crate::obj::{self, Kind};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, ModuleDef, TypeId, VAR};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

fn kwarg(kw: Kw<'_>, q: Qstr) -> Option<Value> {
    kw.iter().find(|(k, _)| *k == q).map(|(_, v)| *v)
}

/// Write text to sys.stdout (or to a file-like object's `write`).
pub fn write_out(vm: &mut Vm, file: Option<Value>, s: &str) -> PyResult<()> {
    match file {
        Some(f) if !f.is_none() => {
            let v = vm.new_str(s)?;
            runtime::call_method(vm, f, q!("write"), &[v])?;
            Ok(())
        }
        _ => {
            vm.port.stdout_write(s.as_bytes());
            Ok(())
        }
    }
}

fn print(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let sep = match kwarg(kw, q!("sep")) {
        Some(v) if !v.is_none() => String::from(vm.str_of(v).unwrap_or(" ")),
        _ => String::from(" "),
    };
    let end = match kwarg(kw, q!("end")) {
        Some(v) if !v.is_none() => String::from(vm.str_of(v).unwrap_or("\n")),
        _ => String::from("\n"),
    };
    let mut file = kwarg(kw, q!("file"));
    if file.is_none() {
        file = crate::modules::sys::stdout_override(vm);
    }
    let mut out = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&runtime::str_string(vm, a)?);
    }
    out.push_str(&end);
    write_out(vm, file, &out)?;
    Ok(Value::NONE)
}

fn len(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::len(vm, args[0])?;
    obj::int::new_int(vm, n as i64)
}

fn repr(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    runtime::repr(vm, args[0])
}

fn class_tuple_check(vm: &mut Vm, v: Value, cls: Value, sub: bool) -> PyResult<bool> {
    if let Some(items) = vm.tuple_items(cls).map(|s| s.to_vec()) {
        for c in items {
            if class_tuple_check(vm, v, c, sub)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !runtime::is_type(vm, cls) {
        return Err(vm.raise(TypeId::TypeError, "isinstance() arg 2 must be a type or tuple of types"));
    }
    Ok(if sub { runtime::is_subclass(vm, v, cls) } else { runtime::isinstance(vm, v, cls) })
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::bool(class_tuple_check(vm, args[0], args[1], false)?))
}

fn issubclass(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if !runtime::is_type(vm, args[0]) {
        return Err(vm.raise(TypeId::TypeError, "issubclass() arg 1 must be a class"));
    }
    Ok(Value::bool(class_tuple_check(vm, args[0], args[1], true)?))
}

fn getattr(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[1]).map(String::from) else {
        return Err(vm.raise(TypeId::TypeError, "getattr(): attribute name must be string"));
    };
    let q = vm.intern(&name);
    if args.len() == 3 {
        return match runtime::getattr_opt(vm, args[0], q) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Ok(args[2]),
            Err(e) => {
                if vm.exc_matches(vm.exc, TypeId::AttributeError) {
                    vm.exc = Value::NULL;
                    Ok(args[2])
                } else {
                    Err(e)
                }
            }
        };
    }
    runtime::getattr(vm, args[0], q)
}

fn setattr(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[1]).map(String::from) else {
        return Err(vm.raise(TypeId::TypeError, "setattr(): attribute name must be string"));
    };
    let q = vm.intern(&name);
    runtime::setattr(vm, args[0], q, args[2])?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[1]).map(String::from) else {
        return Err(vm.raise(TypeId::TypeError, "delattr(): attribute name must be string"));
    };
    let q = vm.intern(&name);
    runtime::delattr(vm, args[0], q)?;
    Ok(Value::NONE)
}

fn hasattr(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[1]).map(String::from) else {
        return Err(vm.raise(TypeId::TypeError, "hasattr(): attribute name must be string"));
    };
    let q = vm.intern(&name);
    match runtime::getattr_opt(vm, args[0], q) {
        Ok(v) => Ok(Value::bool(v.is_some())),
        Err(e) => {
            if vm.exc_matches(vm.exc, TypeId::AttributeError) {
                vm.exc = Value::NULL;
                Ok(Value::FALSE)
            } else {
                Err(e)
            }
        }
    }
}

fn iter(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if args.len() == 2 {
        return obj::iter::new_iter(vm, obj::IterKind::Callable, args[0], args[1], Value::NULL);
    }
    runtime::iter(vm, args[0])
}

fn next(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(g) = args[0].as_obj().filter(|&o| vm.heap.kind(o) == Kind::Generator) {
        if vm.heap.get::<obj::GenObj>(g).h.flags == obj::GEN_DONE {
            return match args.get(1) {
                Some(&d) => Ok(d),
                None => Err(vm.raise_empty(TypeId::StopIteration)),
            };
        }
        return match crate::interp::gen_resume(vm, args[0], Value::NONE, None)? {
            crate::interp::GenStep::Yield(v) => Ok(v),
            crate::interp::GenStep::Return(v) => match args.get(1) {
                Some(&d) => Ok(d),
                None if v.is_none() => Err(vm.raise_empty(TypeId::StopIteration)),
                None => Err(vm.raise_with(TypeId::StopIteration, v)),
            },
        };
    }
    match runtime::next(vm, args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.raise_empty(TypeId::StopIteration)),
        },
    }
}

fn build_class(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    obj::class::build_class(vm, args, kw)
}

fn callable(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let v = args[0];
    let r = match v.unpack() {
        crate::value::Unpacked::Imm(crate::value::Imm::ModFun(..) | crate::value::Imm::TypeFun(..) | crate::value::Imm::Type(_)) => true,
        crate::value::Unpacked::Obj(o) => match vm.heap.kind(o) {
            Kind::Func | Kind::BoundMethod | Kind::Class => true,
            Kind::Instance | Kind::Exception => {
                let cls = runtime::type_of(vm, v);
                runtime::lookup_in_type(vm, cls, q!("__call__"))?.is_some()
            }
            _ => false,
        },
        _ => false,
    };
    Ok(Value::bool(r))
}

fn id(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    obj::int::new_int(vm, args[0].bits() as i64)
}

fn hash(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let h = runtime::py_hash(vm, args[0])?;
    obj::int::new_int(vm, h)
}

fn abs(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let v = args[0];
    if let Some(i) = v.as_small() {
        return obj::int::new_int(vm, (i as i64).abs());
    }
    if let Some(f) = vm.float_of(v) {
        return obj::float::new_float(vm, f.abs());
    }
    if let Some(iv) = vm.int_of(v) {
        let b = iv.to_big();
        return obj::int::new_big(vm, &num_traits::Signed::abs(&b));
    }
    if let Some((re, im)) = obj::ops::complex_of(vm, v) {
        return obj::complex::complex_abs(vm, re, im);
    }
    if let Some(r) = runtime::call_dunder(vm, v, q!("__abs__"), &[])? {
        return Ok(r);
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("bad operand type for abs(): '{t}'")))
}

fn globals(vm: &mut Vm, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(vm.frames.last().map_or(Value::NONE, |f| f.globals))
}

fn locals(vm: &mut Vm, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(fr) = vm.frames.last().copied() else { return Ok(Value::NONE) };
    if !fr.locals.is_null() {
        return Ok(fr.locals);
    }
    let d = obj::dict::new_dict(vm)?;
    let c = vm.code(fr.code);
    let (vn, n_locals, n_free) = (c.varnames, c.n_locals as usize, c.n_free as usize);
    let names: Vec<Value> = vm.tuple_items(vn).map(|s| s.to_vec()).unwrap_or_default();
    for i in 0..n_locals.min(names.len()) {
        let mut v = vm.stack.get(fr.base as usize + i).copied().unwrap_or(Value::NULL);
        if let Some(o) = v.as_obj() {
            if vm.heap.kind(o) == Kind::Cell {
                v = vm.heap.get::<obj::CellObj>(o).v;
            }
        }
        let _ = n_free;
        if !v.is_null() {
            vm.dict_set(d, names[i], v)?;
        }
    }
    Ok(d)
}

fn exec_or_eval(vm: &mut Vm, args: &[Value], mode: crate::CompileMode) -> PyResult<Value> {
    let src = args[0];
    let (g, l) = match (args.get(1), args.get(2)) {
        (Some(&g), l) if !g.is_none() => (g, l.copied().filter(|v| !v.is_none()).unwrap_or(g)),
        _ => {
            let fr = vm.frames.last().copied();
            let g = fr.map_or(Value::NONE, |f| f.globals);
            let l = match fr {
                Some(f) if !f.locals.is_null() => f.locals,
                Some(_) => locals(vm, &[], &[])?,
                None => g,
            };
            (g, l)
        }
    };
    if vm.dict_get_str(g, q!("__builtins__")).is_none() && vm.dict_off(g).is_some() {
        // nothing: builtins are always reachable
    }
    if let Some(code) = src.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Code) {
        return crate::interp::run_code(vm, Value::obj(code), g, l);
    }
    let text = match vm.str_of(src) {
        Some(s) => String::from(s),
        None => match obj::bytes::buffer_of(vm, src) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => return Err(vm.raise(TypeId::TypeError, "exec/eval arg 1 must be a string, bytes or code object")),
        },
    };
    let code = crate::compile_to_value(vm, &text, "<string>", mode)?;
    vm.root(code);
    crate::interp::run_code(vm, code, g, l)
}

fn exec(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    exec_or_eval(vm, args, crate::CompileMode::Exec)?;
    Ok(Value::NONE)
}

fn eval(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    exec_or_eval(vm, args, crate::CompileMode::Eval)
}

fn import_(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[0]).map(String::from) else {
        return Err(vm.raise(TypeId::TypeError, "__import__() argument 1 must be str"));
    };
    let q = vm.intern(&name);
    let fromlist = args.get(3).copied().or_else(|| kwarg(kw, q!("fromlist"))).unwrap_or(Value::NONE);
    let level = args.get(4).copied().or_else(|| kwarg(kw, q!("level"))).and_then(|v| vm.int_i64(v)).unwrap_or(0);
    let g = args.get(1).copied().filter(|v| !v.is_none()).unwrap_or_else(|| vm.frames.last().map_or(Value::NONE, |f| f.globals));
    crate::modules::import::import_name(vm, q, fromlist, level, g)
}

fn dir(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut names: Vec<Value> = Vec::new();
    match args.first() {
        None => {
            let l = locals(vm, &[], &[])?;
            names = vm.dict_items(l).into_iter().map(|(k, _)| k).collect();
        }
        Some(&o) => {
            let d = runtime::instance_dict(vm, o);
            if !d.is_null() {
                names.extend(vm.dict_items(d).into_iter().map(|(k, _)| k));
            }
            if let Some(m) = o.as_obj().filter(|&x| vm.heap.kind(x) == Kind::Module) {
                let _ = m;
            } else {
                let cls = if runtime::is_type(vm, o) { o } else { runtime::type_of(vm, o) };
                for c in runtime::mro(vm, cls) {
                    if let Some(t) = c.as_type_id().and_then(TypeId::from_u8) {
                        for (q, _) in crate::rom::type_def(t).locals {
                            names.push(Value::qstr(*q));
                        }
                    } else if let Some(co) = c.as_obj() {
                        let cd = vm.heap.get::<obj::ClassObj>(co).dict;
                        names.extend(vm.dict_items(cd).into_iter().map(|(k, _)| k));
                    }
                }
                names.push(Value::qstr(q!("__class__")));
            }
            if let crate::value::Unpacked::Imm(crate::value::Imm::Module(m)) = o.unpack() {
                let mo = crate::modules::builtin_module(vm, m)?;
                return dir(vm, &[mo], &[]);
            }
        }
    }
    // Unique, sorted.
    let mut strs: Vec<String> = names.iter().filter_map(|&n| vm.str_of(n).map(String::from)).collect();
    strs.sort();
    strs.dedup();
    let mut vals = Vec::with_capacity(strs.len());
    for s in strs {
        let q = vm.intern(&s);
        vals.push(Value::qstr(q));
    }
    obj::list::new_list(vm, &vals)
}

const HELP_TEXT: &str = "Welcome to upy, a MicroPython-compatible Python!

Control commands:
  CTRL-A        -- on a blank line, enter raw REPL mode
  CTRL-B        -- on a blank line, enter normal REPL mode
  CTRL-C        -- interrupt a running program
  CTRL-D        -- on a blank line, exit or do a soft reset
  CTRL-E        -- on a blank line, enter paste mode

For further help on a specific object, type help(obj)
For a list of available modules, type help('modules')
";

/// `help()`, `help(obj)` and `help('modules')` as MicroPython prints them: the welcome
/// text; "object X is of type T" followed by one `  name -- value` line per entry of
/// the module's globals or of the class's own attributes (of `type(obj)` for an
/// instance); the built-in modules in four columns.
fn help(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let file = crate::modules::sys::stdout_override(vm);
    let Some(&o) = args.first() else {
        write_out(vm, file, HELP_TEXT)?;
        return Ok(Value::NONE);
    };
    let mut out = String::new();
    if o == Value::qstr(q!("modules")) {
        let mut names: Vec<&str> = crate::types::ModuleId::ALL.iter().map(|&m| crate::rom::module_def(m).name).collect();
        names.sort_unstable();
        let rows = names.len().div_ceil(4);
        for r in 0..rows {
            let mut j = r;
            loop {
                out.push_str(names[j]);
                j += rows;
                if j >= names.len() {
                    break;
                }
                let pad = 18usize.saturating_sub(names[j - rows].len()).max(1);
                out.extend(core::iter::repeat_n(' ', pad));
            }
            out.push('\n');
        }
        out.push_str("Plus any modules on the filesystem\n");
        write_out(vm, file, &out)?;
        return Ok(Value::NONE);
    }
    let s = runtime::str_string(vm, o)?;
    let tn = runtime::type_name(vm, o);
    out.push_str("object ");
    out.push_str(&s);
    out.push_str(" is of type ");
    out.push_str(&tn);
    out.push('\n');
    let o = match o.unpack() {
        crate::value::Unpacked::Imm(crate::value::Imm::Module(m)) => crate::modules::builtin_module(vm, m)?,
        _ => o,
    };
    let is_module = o.as_obj().is_some_and(|x| vm.heap.kind(x) == Kind::Module);
    let cls = if is_module || runtime::is_type(vm, o) { o } else { runtime::type_of(vm, o) };
    let entries: Vec<(Value, Value)> = if let Some(t) = cls.as_type_id().and_then(TypeId::from_u8) {
        let mut v = Vec::new();
        for (q, _) in crate::rom::type_def(t).locals {
            let a = runtime::getattr(vm, cls, *q)?;
            v.push((Value::qstr(*q), a));
        }
        v
    } else {
        let d = runtime::instance_dict(vm, cls);
        if d.is_null() { Vec::new() } else { vm.dict_items(d) }
    };
    for (k, v) in entries {
        let ks = runtime::str_string(vm, k)?;
        let vs = runtime::str_string(vm, v)?;
        out.push_str("  ");
        out.push_str(&ks);
        out.push_str(" -- ");
        out.push_str(&vs);
        out.push('\n');
    }
    write_out(vm, file, &out)?;
    Ok(Value::NONE)
}

fn vars(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match args.first() {
        None => locals(vm, &[], &[]),
        Some(&o) => match runtime::getattr_opt(vm, o, q!("__dict__"))? {
            Some(d) => Ok(d),
            None => Err(vm.raise(TypeId::TypeError, "vars() argument must have __dict__ attribute")),
        },
    }
}

fn chr(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(i) = vm.int_i64(args[0]) else {
        if vm.int_of(args[0]).is_some() {
            return Err(vm.raise(TypeId::OverflowError, "Python int too large to convert"));
        }
        let t = runtime::type_name(vm, args[0]);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")));
    };
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => {
            let mut b = [0u8; 4];
            obj::str::new_char(vm, c.encode_utf8(&mut b))
        }
        None => Err(vm.raise(TypeId::ValueError, "chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(s) = vm.str_of(args[0]) {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Ok(Value::small(c as i32));
        }
        let n = s.chars().count();
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("ord() expected a character, but string of length {n} found")));
    }
    if let Some(b) = obj::bytes::buffer_ref(vm, args[0]) {
        if b.len() == 1 {
            return Ok(Value::small(b[0] as i32));
        }
    }
    Err(vm.raise(TypeId::TypeError, "ord() expected a character"))
}

fn ascii(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let s = obj::format::ascii_string(vm, args[0])?;
    vm.new_str(&s)
}

fn input(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(&p) = args.first() {
        let prompt = runtime::str_string(vm, p)?;
        vm.port.stdout_write(prompt.as_bytes());
    }
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    loop {
        if vm.port.stdin_read(&mut b) == 0 {
            if line.is_empty() {
                return Err(vm.raise(TypeId::EOFError, "EOF when reading a line"));
            }
            break;
        }
        match b[0] {
            b'\n' => break,
            b'\r' => {}
            c => line.push(c),
        }
    }
    let s = String::from_utf8_lossy(&line).into_owned();
    vm.new_str(&s)
}

fn format(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let spec = match args.get(1) {
        Some(&s) => String::from(vm.str_of(s).unwrap_or("")),
        None => String::new(),
    };
    let s = obj::format::format_value(vm, args[0], &spec)?;
    vm.new_str(&s)
}

/// Slot of `__build_class__` in the table below (for `LoadBuildClass`).
pub const BUILD_CLASS_SLOT: u16 = 0;

/// The builtins table.
pub static MODULE: ModuleDef = ModuleDef {
    name: "builtins",
    globals: &[
        fun!(q!("__build_class__"), build_class, 2, VAR, kw),
        fun!(q!("print"), print, 0, VAR, kw),
        fun!(q!("open"), crate::modules::io::builtin_open, 1, 3, kw),
        fun!(q!("len"), len, 1, 1),
        fun!(q!("repr"), repr, 1, 1),
        fun!(q!("isinstance"), isinstance, 2, 2),
        fun!(q!("issubclass"), issubclass, 2, 2),
        fun!(q!("getattr"), getattr, 2, 3),
        fun!(q!("setattr"), setattr, 3, 3),
        fun!(q!("delattr"), delattr, 2, 2),
        fun!(q!("hasattr"), hasattr, 2, 2),
        fun!(q!("iter"), iter, 1, 2),
        fun!(q!("next"), next, 1, 2),
        fun!(q!("callable"), callable, 1, 1),
        fun!(q!("id"), id, 1, 1),
        fun!(q!("hash"), hash, 1, 1),
        fun!(q!("abs"), abs, 1, 1),
        fun!(q!("globals"), globals, 0, 0),
        fun!(q!("locals"), locals, 0, 0),
        fun!(q!("exec"), exec, 1, 3),
        fun!(q!("eval"), eval, 1, 3),
        fun!(q!("__import__"), import_, 1, 5, kw),
        fun!(q!("dir"), dir, 0, 1),
        fun!(q!("vars"), vars, 0, 1),
        fun!(q!("help"), help, 0, 1),
        fun!(q!("chr"), chr, 1, 1),
        fun!(q!("ord"), ord, 1, 1),
        fun!(q!("format"), format, 1, 2),
        fun!(q!("ascii"), ascii, 1, 1),
        fun!(q!("input"), input, 0, 1),
        fun!(q!("all"), crate::obj::iter::builtin_all, 1, 1),
        fun!(q!("any"), crate::obj::iter::builtin_any, 1, 1),
        fun!(q!("sum"), crate::obj::iter::builtin_sum, 1, 2, kw),
        fun!(q!("min"), crate::obj::iter::builtin_min, 1, VAR, kw),
        fun!(q!("max"), crate::obj::iter::builtin_max, 1, VAR, kw),
        fun!(q!("sorted"), crate::obj::list::builtin_sorted, 1, 1, kw),
        fun!(q!("bin"), crate::obj::int::builtin_bin, 1, 1),
        fun!(q!("oct"), crate::obj::int::builtin_oct, 1, 1),
        fun!(q!("hex"), crate::obj::int::builtin_hex, 1, 1),
        fun!(q!("divmod"), crate::obj::int::builtin_divmod, 2, 2),
        fun!(q!("pow"), crate::obj::int::builtin_pow, 2, 3),
        fun!(q!("round"), crate::obj::float::builtin_round, 1, 2),
        (q!("object"), Attr::Type(TypeId::Object)),
        (q!("type"), Attr::Type(TypeId::Type)),
        (q!("bool"), Attr::Type(TypeId::Bool)),
        (q!("int"), Attr::Type(TypeId::Int)),
        (q!("float"), Attr::Type(TypeId::Float)),
        (q!("complex"), Attr::Type(TypeId::Complex)),
        (q!("str"), Attr::Type(TypeId::Str)),
        (q!("bytes"), Attr::Type(TypeId::Bytes)),
        (q!("bytearray"), Attr::Type(TypeId::ByteArray)),
        (q!("memoryview"), Attr::Type(TypeId::MemoryView)),
        (q!("list"), Attr::Type(TypeId::List)),
        (q!("tuple"), Attr::Type(TypeId::Tuple)),
        (q!("dict"), Attr::Type(TypeId::Dict)),
        (q!("set"), Attr::Type(TypeId::Set)),
        (q!("frozenset"), Attr::Type(TypeId::FrozenSet)),
        (q!("range"), Attr::Type(TypeId::Range)),
        (q!("slice"), Attr::Type(TypeId::Slice)),
        (q!("property"), Attr::Type(TypeId::Property)),
        (q!("classmethod"), Attr::Type(TypeId::ClassMethod)),
        (q!("staticmethod"), Attr::Type(TypeId::StaticMethod)),
        (q!("super"), Attr::Type(TypeId::Super)),
        (q!("enumerate"), Attr::Type(TypeId::Enumerate)),
        (q!("zip"), Attr::Type(TypeId::Zip)),
        (q!("map"), Attr::Type(TypeId::Map)),
        (q!("filter"), Attr::Type(TypeId::Filter)),
        (q!("reversed"), Attr::Type(TypeId::Reversed)),
        (q!("BaseException"), Attr::Type(TypeId::BaseException)),
        (q!("SystemExit"), Attr::Type(TypeId::SystemExit)),
        (q!("KeyboardInterrupt"), Attr::Type(TypeId::KeyboardInterrupt)),
        (q!("GeneratorExit"), Attr::Type(TypeId::GeneratorExit)),
        (q!("Exception"), Attr::Type(TypeId::Exception)),
        (q!("StopIteration"), Attr::Type(TypeId::StopIteration)),
        (q!("StopAsyncIteration"), Attr::Type(TypeId::StopAsyncIteration)),
        (q!("ArithmeticError"), Attr::Type(TypeId::ArithmeticError)),
        (q!("OverflowError"), Attr::Type(TypeId::OverflowError)),
        (q!("ZeroDivisionError"), Attr::Type(TypeId::ZeroDivisionError)),
        (q!("AssertionError"), Attr::Type(TypeId::AssertionError)),
        (q!("AttributeError"), Attr::Type(TypeId::AttributeError)),
        (q!("EOFError"), Attr::Type(TypeId::EOFError)),
        (q!("ImportError"), Attr::Type(TypeId::ImportError)),
        (q!("ModuleNotFoundError"), Attr::Type(TypeId::ModuleNotFoundError)),
        (q!("LookupError"), Attr::Type(TypeId::LookupError)),
        (q!("IndexError"), Attr::Type(TypeId::IndexError)),
        (q!("KeyError"), Attr::Type(TypeId::KeyError)),
        (q!("MemoryError"), Attr::Type(TypeId::MemoryError)),
        (q!("NameError"), Attr::Type(TypeId::NameError)),
        (q!("UnboundLocalError"), Attr::Type(TypeId::UnboundLocalError)),
        (q!("OSError"), Attr::Type(TypeId::OSError)),
        (q!("RuntimeError"), Attr::Type(TypeId::RuntimeError)),
        (q!("RecursionError"), Attr::Type(TypeId::RecursionError)),
        (q!("NotImplementedError"), Attr::Type(TypeId::NotImplementedError)),
        (q!("SyntaxError"), Attr::Type(TypeId::SyntaxError)),
        (q!("IndentationError"), Attr::Type(TypeId::IndentationError)),
        (q!("TypeError"), Attr::Type(TypeId::TypeError)),
        (q!("ValueError"), Attr::Type(TypeId::ValueError)),
        (q!("UnicodeError"), Attr::Type(TypeId::UnicodeError)),
        (q!("UnicodeDecodeError"), Attr::Type(TypeId::UnicodeDecodeError)),
        (q!("UnicodeEncodeError"), Attr::Type(TypeId::UnicodeEncodeError)),
        (q!("ConnectionError"), Attr::Type(TypeId::ConnectionError)),
        (q!("TimeoutError"), Attr::Type(TypeId::TimeoutError)),
        (q!("FileNotFoundError"), Attr::Type(TypeId::FileNotFoundError)),
        (q!("FileExistsError"), Attr::Type(TypeId::FileExistsError)),
        (q!("PermissionError"), Attr::Type(TypeId::PermissionError)),
        (q!("IsADirectoryError"), Attr::Type(TypeId::IsADirectoryError)),
        (q!("NotADirectoryError"), Attr::Type(TypeId::NotADirectoryError)),
        (q!("None"), Attr::None),
    ],
    init: None,
};

/// Build the builtins namespace dict (done once per VM).
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let m = crate::modules::builtin_module(vm, crate::types::ModuleId::Builtins as u8)?;
    let d = vm.heap.get::<obj::ModuleObj>(m.as_obj().unwrap_or(0)).dict;
    vm.dict_set(d, Value::qstr(q!("NotImplemented")), Value::NOT_IMPLEMENTED)?;
    vm.dict_set(d, Value::qstr(q!("Ellipsis")), Value::ELLIPSIS)?;
    vm.dict_set(d, Value::qstr(q!("True")), Value::TRUE)?;
    vm.dict_set(d, Value::qstr(q!("False")), Value::FALSE)?;
    vm.builtins = d;
    Ok(())
}
