//! Calling: argument binding for Python functions, native functions, classes, bound
//! methods and callable instances. Python frames are pushed on the VM's own stacks; only
//! native code calling back into Python recurses on the Rust stack (bounded).

use alloc::vec::Vec;

use upy_bytecode::CodeFlags;

use crate::obj::{self, Kind};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, TypeId, VAR};
use crate::value::{Imm, Unpacked, Value};
use crate::vm::{CodeView, Frame, PyResult, Vm};

/// Call `f(*args, **kw)` from native code.
pub fn call(vm: &mut Vm, f: Value, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    match f.unpack() {
        Unpacked::Obj(off) => match vm.heap.kind(off) {
            Kind::Func => call_python(vm, f, args, kw, Value::NULL),
            Kind::BoundMethod => {
                let b = vm.heap.get::<obj::BoundObj>(off);
                let (func, self_) = (b.func, b.self_);
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(self_);
                all.extend_from_slice(args);
                call(vm, func, &all, kw)
            }
            Kind::Class => obj::class::instantiate(vm, f, args, kw),
            Kind::ClassMethod | Kind::StaticMethod => {
                let inner = vm.heap.get::<obj::Obj4>(off).a;
                call(vm, inner, args, kw)
            }
            _ => {
                if let Some(r) = call_instance(vm, f, args, kw)? {
                    return Ok(r);
                }
                Err(not_callable(vm, f))
            }
        },
        Unpacked::Imm(Imm::ModFun(..) | Imm::TypeFun(..)) => call_native(vm, f, args, kw),
        Unpacked::Imm(Imm::Type(t)) => {
            let Some(id) = TypeId::from_u8(t) else { return Err(not_callable(vm, f)) };
            let def = crate::rom::type_def(id);
            match def.new {
                Some(new) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(f);
                    all.extend_from_slice(args);
                    new(vm, &all, kw)
                }
                None => {
                    let n = def.name;
                    Err(vm.raise_fmt(TypeId::TypeError, format_args!("cannot create '{n}' instances")))
                }
            }
        }
        _ => Err(not_callable(vm, f)),
    }
}

fn call_instance(vm: &mut Vm, f: Value, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Option<Value>> {
    if !f.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception | Kind::Native)) {
        return Ok(None);
    }
    let cls = runtime::type_of(vm, f);
    let Some(m) = runtime::lookup_in_type(vm, cls, q!("__call__"))? else { return Ok(None) };
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(f);
    all.extend_from_slice(args);
    call(vm, m, &all, kw).map(Some)
}

/// TypeError "'x' object is not callable".
pub fn not_callable(vm: &mut Vm, f: Value) -> crate::vm::Exc {
    let t = runtime::type_name(vm, f);
    vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not callable"))
}

/// Call a native function value with arity checks.
#[inline(never)]
pub fn call_native(vm: &mut Vm, f: Value, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let Some((is_type, t, _)) = f.native_ref() else { return Err(not_callable(vm, f)) };
    let Some(attr) = runtime::native_attr(f) else { return Err(not_callable(vm, f)) };
    let fun = match attr {
        Attr::Fun(x) | Attr::ClassFun(x) | Attr::StaticFun(x) => *x,
        _ => return Err(not_callable(vm, f)),
    };
    let n = args.len();
    if n < fun.min as usize || (fun.max != VAR && n > fun.max as usize) {
        let name = runtime::native_name(vm, f);
        return Err(if fun.min == fun.max {
            vm.raise_fmt(TypeId::TypeError, format_args!("{name}() takes {} positional arguments but {n} were given", fun.min))
        } else {
            vm.raise_fmt(TypeId::TypeError, format_args!("{name}() takes from {} to {} positional arguments but {n} were given", fun.min, fun.max))
        });
    }
    if !kw.is_empty() && !fun.kw {
        let name = runtime::native_name(vm, f);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() takes no keyword arguments")));
    }
    if is_type && matches!(attr, Attr::Fun(_)) {
        check_self(vm, f, t as u8, args)?;
    }
    vm.native_depth += 1;
    if vm.native_depth > vm.config.max_native_depth {
        vm.native_depth -= 1;
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let r = (fun.f)(vm, args, kw);
    vm.native_depth -= 1;
    r
}

/// A method from built-in type `t`'s table called with `args[0]` as self (`str.upper(x)`)
/// needs `x` to be an instance of `t`, as CPython's method descriptors check. Bound calls
/// (`s.upper()`) pass the first test: the exact built-in type matches.
#[inline(always)]
fn check_self(vm: &mut Vm, f: Value, t: u8, args: &[Value]) -> PyResult<()> {
    let Some(&s) = args.first() else { return Ok(()) };
    if t == TypeId::Object as u8 || runtime::builtin_type(vm, s) as u8 == t {
        return Ok(());
    }
    check_self_slow(vm, f, t, s)
}

/// `check_self` when `s` is not exactly of type `t`: a subclass instance, or an error.
#[inline(never)]
fn check_self_slow(vm: &mut Vm, f: Value, t: u8, s: Value) -> PyResult<()> {
    let cls = Value::ty(t);
    if runtime::isinstance(vm, s, cls) {
        return Ok(());
    }
    let name = runtime::native_name(vm, f);
    let tn = runtime::type_name_of_class(vm, cls);
    let sn = runtime::type_name(vm, s);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("descriptor '{name}' for '{tn}' objects doesn't apply to a '{sn}' object")))
}

/// Call a Python function from native code: binds arguments, runs it to completion.
/// `locals` is the namespace dict for class bodies (NULL otherwise).
pub fn call_python(vm: &mut Vm, func: Value, args: &[Value], kw: &[(Qstr, Value)], locals: Value) -> PyResult<Value> {
    vm.native_depth += 1;
    if vm.native_depth > vm.config.max_native_depth {
        vm.native_depth -= 1;
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let sp = vm.stack.len();
    vm.stack.push(func);
    vm.stack.extend_from_slice(args);
    for &(_, v) in kw {
        vm.stack.push(v);
    }
    let r = match enter_function(vm, func, sp as u32 + 1, args.len(), kw, sp as u32, true, locals) {
        Ok(Some(g)) => Ok(g),
        Ok(None) => crate::interp::run(vm),
        Err(e) => Err(e),
    };
    vm.stack.truncate(sp);
    vm.native_depth -= 1;
    r
}

/// Bind arguments and push a frame for `func`. The positional arguments are
/// `stack[args_at .. args_at + npos]`; keyword values follow them on the stack too, with
/// their names in `kw` (values in `kw` are the same). Returns Some(generator) instead of
/// pushing a frame when the function is a generator or coroutine.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn enter_function(
    vm: &mut Vm,
    func: Value,
    args_at: u32,
    npos: usize,
    kw: &[(Qstr, Value)],
    ret_sp: u32,
    entry: bool,
    locals: Value,
) -> PyResult<Option<Value>> {
    // Fast path (inlined into the interpreter's calls): positional arguments only, exactly
    // as many as the function's positional parameters or fewer with defaults for the rest,
    // no free variables, not a generator. The arguments already sit where the locals go.
    if kw.is_empty() && vm.frames.len() < vm.config.max_frames {
        let foff = func.as_obj().unwrap_or(0);
        let fo = vm.heap.get::<obj::FuncObj>(foff);
        let (code, globals, defaults) = (fo.code, fo.globals, fo.defaults);
        let c = vm.code(code);
        let argcount = c.argcount as usize;
        let n_locals = c.n_locals as usize;
        let view = CodeView::of(c);
        let plain = c.kwonly == 0
            && c.n_free == 0
            && c.h.aux & (CodeFlags::VARARGS | CodeFlags::VARKEYWORDS | CodeFlags::GENERATOR | CodeFlags::COROUTINE) == 0;
        let base = args_at as usize;
        if plain && npos <= argcount && n_locals >= argcount {
            let filled = if npos == argcount {
                true
            } else if let Some(defs) = vm.tuple_items(defaults).filter(|d| npos + d.len() >= argcount) {
                // The last `argcount - npos` defaults follow the arguments.
                let first = defs.len() - (argcount - npos);
                let toff = defaults.as_obj().unwrap_or(0);
                let nd = defs.len();
                vm.stack.truncate(base + npos);
                let Vm { heap, stack, .. } = vm;
                stack.extend_from_slice(&heap.vals_at(toff, obj::TUPLE_DATA, nd)[first..]);
                true
            } else {
                false
            };
            if filled {
                vm.stack.truncate(base + argcount);
                // The other locals start unbound (pushed one by one: usually a few, and
                // `resize` would be an out-of-line call).
                for _ in argcount..n_locals {
                    vm.stack.push(Value::NULL);
                }
                vm.frames.push(Frame::call(code, view, globals, locals, func, base, ret_sp, entry));
                return Ok(None);
            }
        }
    }
    enter_function_slow(vm, func, args_at, npos, kw, ret_sp, entry, locals)
}

/// `enter_function`, not inlined (for the less frequent call sites).
#[allow(clippy::too_many_arguments)]
#[inline(never)]
pub(crate) fn enter_function_outlined(
    vm: &mut Vm,
    func: Value,
    args_at: u32,
    npos: usize,
    kw: &[(Qstr, Value)],
    ret_sp: u32,
    entry: bool,
    locals: Value,
) -> PyResult<Option<Value>> {
    enter_function(vm, func, args_at, npos, kw, ret_sp, entry, locals)
}

/// `enter_function` for every case: keywords, `*args`/`**kw`, keyword-only parameters,
/// defaults, closures, generators, argument errors, the frame limit.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn enter_function_slow(
    vm: &mut Vm,
    func: Value,
    args_at: u32,
    npos: usize,
    kw: &[(Qstr, Value)],
    ret_sp: u32,
    entry: bool,
    locals: Value,
) -> PyResult<Option<Value>> {
    if vm.frames.len() >= vm.config.max_frames {
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let foff = func.as_obj().unwrap_or(0);
    let fo = vm.heap.get::<obj::FuncObj>(foff);
    let (code, globals, defaults, kwdefaults, closure) = (fo.code, fo.globals, fo.defaults, fo.kwdefaults, fo.closure);
    let c = vm.code(code);
    let argcount = c.argcount as usize;
    let kwonly = c.kwonly as usize;
    let posonly = c.posonly as usize;
    let n_locals = c.n_locals as usize;
    let n_free = c.n_free as usize;
    let flags = CodeFlags(c.h.aux);
    let varnames = c.varnames;
    let base = args_at as usize;
    let positional_only_call = kw.is_empty() && kwonly == 0 && !flags.has(CodeFlags::VARARGS) && !flags.has(CodeFlags::VARKEYWORDS);
    // Defaults that fill the missing trailing positionals (none when all were given).
    let ndefs = if npos < argcount { vm.tuple_items(defaults).map_or(0, |t| t.len()) } else { 0 };
    if positional_only_call && npos <= argcount && npos + ndefs >= argcount {
        // Fast path: the arguments already sit where the locals go; the last
        // `argcount - npos` defaults follow them.
        vm.stack.truncate(base + npos);
        if npos < argcount {
            let toff = defaults.as_obj().unwrap_or(0);
            let first = ndefs - (argcount - npos);
            let Vm { heap, stack, .. } = vm;
            stack.extend_from_slice(&heap.vals_at(toff, obj::TUPLE_DATA, ndefs)[first..]);
        }
        vm.stack.resize(base + n_locals, Value::NULL);
    } else {
        // The locals are bound into a buffer (on the Rust stack for the usual frame sizes)
        // and copied over the arguments at the end. Until then the arguments stay where
        // they are on the VM stack (positionals at `base`, keyword values after them), so
        // they need no other roots; the names and defaults are read from the code and
        // function objects where needed.
        let mut small = [Value::NULL; 16];
        let mut large: Vec<Value>;
        let slots: &mut [Value] = if n_locals <= small.len() {
            &mut small[..n_locals]
        } else {
            large = alloc::vec![Value::NULL; n_locals];
            &mut large
        };
        let ncopy = npos.min(argcount).min(n_locals);
        slots[..ncopy].copy_from_slice(&vm.stack[base..base + ncopy]);
        let mut slot = argcount + kwonly;
        if flags.has(CodeFlags::VARARGS) {
            let t = if npos > argcount {
                let extra: Vec<Value> = vm.stack[base + argcount..base + npos].to_vec();
                obj::tuple::new_tuple(vm, &extra)?
            } else {
                obj::tuple::new_tuple(vm, &[])?
            };
            if let Some(s) = slots.get_mut(slot) {
                *s = t;
            }
            slot += 1;
        } else if npos > argcount {
            let name = func_name(vm, code);
            return Err(vm.raise_fmt(
                TypeId::TypeError,
                format_args!("{name}() takes {argcount} positional arguments but {npos} were given"),
            ));
        }
        let kwdict = if flags.has(CodeFlags::VARKEYWORDS) {
            let d = obj::dict::new_dict(vm)?;
            if let Some(s) = slots.get_mut(slot) {
                *s = d;
            }
            Some(d)
        } else {
            None
        };
        for &(k, v) in kw {
            let kv = Value::qstr(k);
            let pos_idx = vm.tuple_items(varnames).and_then(|names| {
                names[posonly.min(names.len())..(argcount + kwonly).min(names.len())]
                    .iter()
                    .position(|&n| n == kv)
                    .map(|i| i + posonly)
            });
            match pos_idx.filter(|&i| i < n_locals) {
                Some(i) => {
                    if !slots[i].is_null() {
                        let name = func_name(vm, code);
                        let a = alloc::string::String::from(vm.qstr_str(k));
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() got multiple values for argument '{a}'")));
                    }
                    slots[i] = v;
                }
                None => match kwdict {
                    Some(d) => vm.dict_set(d, kv, v)?,
                    None => {
                        let name = func_name(vm, code);
                        let a = alloc::string::String::from(vm.qstr_str(k));
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() got an unexpected keyword argument '{a}'")));
                    }
                },
            }
        }
        // Defaults for missing positionals.
        let ndefs_all = vm.tuple_items(defaults).map_or(0, |t| t.len());
        let first_def = argcount.saturating_sub(ndefs_all);
        for i in 0..argcount.min(n_locals) {
            if slots[i].is_null() {
                if i >= first_def {
                    slots[i] = vm.tuple_items(defaults).and_then(|d| d.get(i - first_def).copied()).unwrap_or(Value::NONE);
                } else {
                    let name = func_name(vm, code);
                    let n = vm.tuple_items(varnames).and_then(|t| t.get(i).copied()).unwrap_or(Value::NULL);
                    let missing = alloc::string::String::from(vm.str_of(n).unwrap_or("?"));
                    return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() missing required positional argument: '{missing}'")));
                }
            }
        }
        for i in argcount..(argcount + kwonly).min(n_locals) {
            if slots[i].is_null() {
                let n = vm.tuple_items(varnames).and_then(|t| t.get(i).copied()).unwrap_or(Value::NULL);
                let d = if kwdefaults.is_null() { None } else { vm.dict_get(kwdefaults, n)? };
                match d {
                    Some(v) => slots[i] = v,
                    None => {
                        let name = func_name(vm, code);
                        let missing = alloc::string::String::from(vm.str_of(n).unwrap_or("?"));
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() missing required keyword-only argument: '{missing}'")));
                    }
                }
            }
        }
        vm.stack.truncate(base);
        vm.stack.extend_from_slice(slots);
    }
    if n_free > 0 {
        let n = vm.tuple_items(closure).map_or(0, |t| t.len()).min(n_free);
        let coff = closure.as_obj().unwrap_or(0);
        let at = (base + n_locals).saturating_sub(n_free);
        let Vm { heap, stack, .. } = vm;
        if let Some(dst) = stack.get_mut(at..at + n) {
            dst.copy_from_slice(heap.vals_at(coff, obj::TUPLE_DATA, n));
        }
    }
    if flags.has(CodeFlags::GENERATOR) || flags.has(CodeFlags::COROUTINE) {
        let g = obj::generator::new_generator(vm, func, code, globals, base, n_locals)?;
        vm.stack.truncate(ret_sp as usize);
        return Ok(Some(g));
    }
    let view = CodeView::of(vm.code(code));
    vm.frames.push(Frame::call(code, view, globals, locals, func, base, ret_sp, entry));
    Ok(None)
}

fn func_name(vm: &Vm, code: Value) -> alloc::string::String {
    alloc::string::String::from(vm.str_of(vm.code(code).name).unwrap_or("?"))
}

/// Room for the keyword pairs of a call from the interpreter (see `kw_pairs_at`).
pub(crate) struct KwBuf {
    small: [(Qstr, Value); 8],
    long: Vec<(Qstr, Value)>,
}

impl KwBuf {
    #[inline(always)]
    pub(crate) fn new() -> KwBuf {
        KwBuf { small: [(Qstr(0), Value::NULL); 8], long: Vec::new() }
    }
}

/// The keyword pairs of a call from the interpreter: names from the `kwnames` tuple,
/// values `vm.stack[at .. at + n]` (what `kw_pairs` makes), kept in `buf` without a heap
/// allocation when there are few and all names are interned (the compiler's are).
#[inline(never)]
pub(crate) fn kw_pairs_at<'a>(vm: &mut Vm, kwnames: Value, at: usize, n: usize, buf: &'a mut KwBuf) -> &'a [(Qstr, Value)] {
    let names = vm.tuple_items(kwnames).filter(|t| n <= buf.small.len() && t.len() >= n && t[..n].iter().all(|x| x.as_qstr().is_some()));
    if let (Some(names), Some(vals)) = (names, vm.stack.get(at..at + n)) {
        for ((d, &k), &v) in buf.small.iter_mut().zip(names).zip(vals) {
            *d = (k.as_qstr().unwrap_or(Qstr(0)), v);
        }
        return &buf.small[..n];
    }
    let vals: Vec<Value> = vm.stack.get(at..at + n).map(|v| v.to_vec()).unwrap_or_default();
    buf.long = kw_pairs(vm, kwnames, &vals);
    &buf.long
}

/// Turn (kwnames tuple, values) into keyword pairs.
pub(crate) fn kw_pairs(vm: &mut Vm, kwnames: Value, values: &[Value]) -> Vec<(Qstr, Value)> {
    let names: Vec<Value> = vm.tuple_items(kwnames).map(|s| s.to_vec()).unwrap_or_default();
    names
        .iter()
        .zip(values.iter())
        .map(|(&n, &v)| {
            let q = match n.as_qstr() {
                Some(q) => q,
                None => {
                    let s = alloc::string::String::from(vm.str_of(n).unwrap_or(""));
                    vm.intern(&s)
                }
            };
            (q, v)
        })
        .collect()
}

/// Keyword pairs from a `**kwargs` dict (keys must be str).
pub(crate) fn kw_from_dict(vm: &mut Vm, d: Value) -> PyResult<Vec<(Qstr, Value)>> {
    let mut out = Vec::new();
    for (k, v) in vm.dict_items(d) {
        let Some(s) = vm.str_of(k) else { return Err(vm.raise(TypeId::TypeError, "keywords must be strings")) };
        let s = alloc::string::String::from(s);
        let q = vm.intern(&s);
        out.push((q, v));
    }
    Ok(out)
}
