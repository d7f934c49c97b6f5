//! `import`: sys.modules, built-in modules, then `<dir>/<name>.py` and
//! `<dir>/<name>/__init__.py` along sys.path (read through the port), packages and
//! relative imports.

use alloc::string::String;
use alloc::vec::Vec;

use crate::obj::{self, Kind, ModuleObj};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn module_dict(vm: &Vm, m: Value) -> Value {
    match m.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Module => vm.heap.get::<ModuleObj>(o).dict,
        _ => Value::NULL,
    }
}

/// Resolve a relative module name against the importing module's package.
fn resolve_name(vm: &mut Vm, name: &str, level: i64, globals: Value) -> PyResult<String> {
    if level <= 0 {
        return Ok(String::from(name));
    }
    let pkg = match vm.dict_get_str(globals, q!("__package__")).filter(|v| !v.is_none()) {
        Some(p) => String::from(vm.str_of(p).unwrap_or("")),
        None => {
            let modname = vm.dict_get_str(globals, q!("__name__")).and_then(|v| vm.str_of(v).map(String::from)).unwrap_or_default();
            if vm.dict_get_str(globals, q!("__path__")).is_some() {
                modname
            } else {
                modname.rsplit_once('.').map(|(a, _)| String::from(a)).unwrap_or_default()
            }
        }
    };
    if pkg.is_empty() {
        return Err(vm.raise(TypeId::ImportError, "attempted relative import with no known parent package"));
    }
    let mut parts: Vec<&str> = pkg.split('.').collect();
    for _ in 1..level {
        if parts.pop().is_none() {
            return Err(vm.raise(TypeId::ImportError, "attempted relative import beyond top-level package"));
        }
    }
    let mut base = parts.join(".");
    if !name.is_empty() {
        if !base.is_empty() {
            base.push('.');
        }
        base.push_str(name);
    }
    Ok(base)
}

/// Import one fully qualified module (its parents must be imported already).
fn import_one(vm: &mut Vm, full: &str, parent: Value) -> PyResult<Option<Value>> {
    let key = vm.new_str(full)?;
    vm.root(key);
    let mark = vm.temp.len();
    if let Some(m) = vm.dict_get(vm.modules, key)? {
        return Ok(Some(m));
    }
    if parent.is_null() {
        if let Some(id) = crate::rom::module_by_name(full) {
            let m = super::builtin_module(vm, id as u8)?;
            vm.dict_set(vm.modules, key, m)?;
            return Ok(Some(m));
        }
    }
    let leaf = full.rsplit('.').next().unwrap_or(full);
    let dirs: Vec<String> = if parent.is_null() {
        let p = vm.sys_path;
        let items: Vec<Value> = vm.list_items(p).map(|s| s.to_vec()).unwrap_or_default();
        items.iter().filter_map(|&v| vm.str_of(v).map(String::from)).collect()
    } else {
        let pd = module_dict(vm, parent);
        match vm.dict_get_str(pd, q!("__path__")) {
            Some(p) => vec_of_str(vm, p),
            None => return Ok(None),
        }
    };
    for dir in dirs {
        let join = |d: &str, f: &str| if d.is_empty() || d == "." { String::from(f) } else if d.ends_with('/') { alloc::format!("{d}{f}") } else { alloc::format!("{d}/{f}") };
        let pkg_dir = join(&dir, leaf);
        let init = join(&pkg_dir, "__init__.py");
        if crate::modules::os::stat_any(vm, &pkg_dir) == Some(upy_hal::NodeKind::Dir) {
            let has_init = crate::modules::os::stat_any(vm, &init) == Some(upy_hal::NodeKind::File);
            let m = super::new_module(vm, full)?;
            vm.root(m);
            let d = module_dict(vm, m);
            let path_list = {
                let s = vm.new_str(&pkg_dir)?;
                obj::list::new_list(vm, &[s])?
            };
            vm.dict_set(d, Value::qstr(q!("__path__")), path_list)?;
            vm.dict_set(vm.modules, key, m)?;
            // The module body runs inside this import: drop the set-up temporaries (see
            // `compile_to_value`); `m` reaches everything it needs.
            vm.temp.truncate(mark);
            vm.root(m);
            if has_init {
                if let Err(e) = exec_file(vm, &init, d) {
                    let _ = vm.dict_remove(vm.modules, key);
                    return Err(e);
                }
            }
            return Ok(Some(m));
        }
        let file = join(&dir, &alloc::format!("{leaf}.py"));
        if crate::modules::os::stat_any(vm, &file) == Some(upy_hal::NodeKind::File) {
            let m = super::new_module(vm, full)?;
            vm.root(m);
            let d = module_dict(vm, m);
            let fv = vm.new_str(&file)?;
            vm.dict_set(d, Value::qstr(q!("__file__")), fv)?;
            vm.dict_set(vm.modules, key, m)?;
            vm.temp.truncate(mark);
            vm.root(m);
            if let Err(e) = exec_file(vm, &file, d) {
                let _ = vm.dict_remove(vm.modules, key);
                return Err(e);
            }
            // The module may have replaced itself in sys.modules.
            return Ok(Some(vm.dict_get(vm.modules, key)?.unwrap_or(m)));
        }
    }
    Ok(None)
}

fn vec_of_str(vm: &Vm, v: Value) -> Vec<String> {
    runtime::seq_items(vm, v).iter().filter_map(|&x| vm.str_of(x).map(String::from)).collect()
}

/// Read, compile and run a source file in `globals`.
pub fn exec_file(vm: &mut Vm, path: &str, globals: Value) -> PyResult<Value> {
    let Some(src) = crate::modules::os::read_any(vm, path) else {
        return Err(vm.raise_fmt(TypeId::OSError, format_args!("[Errno 2] ENOENT: {path}")));
    };
    let Ok(text) = core::str::from_utf8(&src) else {
        return Err(vm.raise_fmt(TypeId::SyntaxError, format_args!("file {path} is not valid UTF-8")));
    };
    let text = String::from(text);
    crate::exec_source(vm, &text, path, globals, Value::NULL)
}

/// `import name` / `from name import ...` (ImportName).
pub fn import_name(vm: &mut Vm, name: Qstr, fromlist: Value, level: i64, globals: Value) -> PyResult<Value> {
    let name_s = String::from(vm.qstr_str(name));
    let full = resolve_name(vm, &name_s, level, globals)?;
    let mut parent = Value::NULL;
    let mut top = Value::NULL;
    let mut acc = String::new();
    for part in full.split('.') {
        if !acc.is_empty() {
            acc.push('.');
        }
        acc.push_str(part);
        let m = match import_one(vm, &acc, parent)? {
            Some(m) => m,
            None => {
                let msg = alloc::format!("no module named '{acc}'");
                return Err(vm.raise(TypeId::ImportError, &msg));
            }
        };
        vm.root(m);
        if !parent.is_null() {
            let pd = module_dict(vm, parent);
            if !pd.is_null() {
                let q = vm.intern(part);
                vm.dict_set(pd, Value::qstr(q), m)?;
            }
        }
        if top.is_null() {
            top = m;
        }
        parent = m;
    }
    let has_fromlist = !fromlist.is_null() && !fromlist.is_none() && vm.tuple_items(fromlist).is_some_and(|t| !t.is_empty());
    if has_fromlist || level > 0 && name_s.is_empty() {
        Ok(parent)
    } else if level > 0 {
        Ok(parent)
    } else {
        Ok(top)
    }
}

/// `from module import name` (ImportFrom).
pub fn import_from(vm: &mut Vm, m: Value, name: Qstr) -> PyResult<Value> {
    if let Some(v) = runtime::getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    // A submodule of a package.
    let d = module_dict(vm, m);
    if !d.is_null() && vm.dict_get_str(d, q!("__path__")).is_some() {
        let mn = vm.dict_get_str(d, q!("__name__")).and_then(|v| vm.str_of(v).map(String::from)).unwrap_or_default();
        let full = alloc::format!("{mn}.{}", vm.qstr_str(name));
        if let Some(sub) = import_one(vm, &full, m)? {
            vm.dict_set(d, Value::qstr(name), sub)?;
            return Ok(sub);
        }
    }
    let n = String::from(vm.qstr_str(name));
    Err(vm.raise_fmt(TypeId::ImportError, format_args!("cannot import name {n}")))
}

/// `from module import *`.
pub fn import_star(vm: &mut Vm, m: Value, target: Value) -> PyResult<()> {
    let m = if let Some(id) = match m.unpack() {
        crate::value::Unpacked::Imm(crate::value::Imm::Module(i)) => Some(i),
        _ => None,
    } {
        super::builtin_module(vm, id)?
    } else {
        m
    };
    let d = module_dict(vm, m);
    let all = vm.dict_get_str(d, q!("__all__"));
    let names: Vec<(Value, Value)> = match all {
        Some(a) => {
            let mut out = Vec::new();
            for n in runtime::collect_iter(vm, a)? {
                let v = runtime::getitem(vm, d, n)?;
                out.push((n, v));
            }
            out
        }
        None => vm.dict_items(d).into_iter().filter(|(k, _)| !vm.str_of(*k).is_some_and(|s| s.starts_with('_'))).collect(),
    };
    for (k, v) in names {
        vm.dict_set(target, k, v)?;
    }
    Ok(())
}
