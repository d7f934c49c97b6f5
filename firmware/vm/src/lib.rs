//! upy-vm: the Python virtual machine that runs on every upy board.
//!
//! It owns one fixed heap handed over by the port (precise mark-sweep GC, `heap.rs`),
//! represents every value in 32 bits (`value.rs`), defines the built-in types
//! (`obj/<type>.rs`) and modules (`modules/<name>.rs`) as static tables, and executes
//! `upy-bytecode` code objects (`interp.rs`). Source is compiled with `upy-compiler`
//! when the `compiler` feature is on.
//!
//! It is `no_std + alloc` and must not depend on std, on any board crate, on the device
//! agent or on host tooling; it reaches the board only through `upy_hal::Port`.
#![no_std]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

#[macro_use]
pub mod qstr;
#[macro_use]
pub mod types;

pub mod call;
pub mod heap;
pub mod interp;
pub mod modules;
pub mod obj;
pub mod rom;
pub mod runtime;
pub mod value;
pub mod vm;

#[cfg(test)]
mod testing;

use alloc::string::String;

pub use value::Value;
pub use vm::{Config, Exc, PyResult, Vm};

/// How source text is compiled.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CompileMode {
    /// A module / file.
    Exec,
    /// One expression (eval).
    Eval,
    /// A REPL line (expression statements print their value).
    Single,
}

/// Compile `src` and load it as a code object.
pub fn compile_to_value(vm: &mut Vm, src: &str, filename: &str, mode: CompileMode) -> PyResult<Value> {
    #[cfg(feature = "compiler")]
    {
        let m = match mode {
            CompileMode::Exec => upy_compiler::Mode::Exec,
            CompileMode::Eval => upy_compiler::Mode::Eval,
            CompileMode::Single => upy_compiler::Mode::Single,
        };
        match upy_compiler::compile(src, filename, m) {
            Ok(code) => {
                // Loading pushes a temporary root per object, and the code usually runs
                // for the rest of the caller's instruction (a whole program for
                // `run_main` and imports). Keep only the code object (it reaches
                // everything else): a temp entry whose object was freed explicitly (a
                // grown tuple/dict buffer) would otherwise pin whatever is allocated at
                // that address later.
                let mark = vm.temp.len();
                let code = obj::func::load_code(vm, &code)?;
                vm.temp.truncate(mark);
                Ok(vm.root(code))
            }
            Err(e) => {
                let ty = match e.kind {
                    upy_compiler::ErrorKind::IndentationError => types::TypeId::IndentationError,
                    _ => types::TypeId::SyntaxError,
                };
                let msg = alloc::format!("{}", e.msg);
                let exc = vm.raise(ty, &msg);
                // Record where: file and line, as a traceback entry.
                let f = Value::qstr(vm.intern(filename));
                let e_v = vm.exc;
                vm.add_traceback(e_v, f, e.line, Value::qstr(q!("<module>")));
                Err(exc)
            }
        }
    }
    #[cfg(not(feature = "compiler"))]
    {
        let _ = (src, filename, mode);
        Err(vm.raise(types::TypeId::RuntimeError, "this build cannot compile source"))
    }
}

/// Compile and run `src` in `globals` (locals = globals when `locals` is NULL).
pub fn exec_source(vm: &mut Vm, src: &str, filename: &str, globals: Value, locals: Value) -> PyResult<Value> {
    let code = compile_to_value(vm, src, filename, CompileMode::Exec)?;
    vm.root(code);
    interp::run_code(vm, code, globals, locals)
}

/// What happened when a program finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It ran to the end.
    Ok,
    /// `SystemExit(code)`.
    Exit(i32),
    /// An uncaught exception; its traceback text.
    Error(String),
}

impl Vm {
    /// The `__main__` module's globals (created on first use).
    pub fn main_globals(&mut self) -> PyResult<Value> {
        let key = Value::qstr(q!("__main__"));
        if let Some(m) = self.dict_get(self.modules, key)? {
            if let Some(o) = m.as_obj() {
                return Ok(self.heap.get::<obj::ModuleObj>(o).dict);
            }
        }
        let m = modules::new_module(self, "__main__")?;
        let mods = self.modules;
        self.dict_set(mods, key, m)?;
        Ok(self.heap.get::<obj::ModuleObj>(m.as_obj().unwrap_or(0)).dict)
    }

    /// Run source as the `__main__` module; uncaught exceptions become `Outcome::Error`
    /// with MicroPython-style traceback text.
    pub fn run_main(&mut self, src: &str, filename: &str, mode: CompileMode) -> Outcome {
        let mark = self.temp.len();
        let r = (|| {
            let g = self.main_globals()?;
            self.root(g);
            if let Ok(f) = self.new_str(filename) {
                if mode == CompileMode::Exec {
                    self.dict_set(g, Value::qstr(q!("__file__")), f)?;
                }
            }
            let code = compile_to_value(self, src, filename, mode)?;
            // The program's temporaries live until it ends: drop the set-up ones (see
            // `compile_to_value`), the globals and the code are all it needs.
            self.temp.truncate(mark);
            self.root(g);
            self.root(code);
            interp::run_code(self, code, g, g)
        })();
        let out = match r {
            Ok(_) => Outcome::Ok,
            Err(_) => self.outcome_of_exception(),
        };
        self.clear_temps();
        out
    }

    /// Classify the pending exception (SystemExit code or traceback text) and clear it.
    pub fn outcome_of_exception(&mut self) -> Outcome {
        let e = self.take_exception();
        self.root(e);
        if self.exc_matches(e, types::TypeId::SystemExit) {
            let args = self.exc_args(e);
            let first = self.tuple_items(args).and_then(|a| a.first().copied());
            return match first {
                None => Outcome::Exit(0),
                Some(v) if v.is_none() => Outcome::Exit(0),
                Some(v) => match self.int_i64(v) {
                    Some(i) => Outcome::Exit(i as i32),
                    None => {
                        let s = runtime::str_string(self, v).unwrap_or_default();
                        self.port.stderr_write(s.as_bytes());
                        self.port.stderr_write(b"\n");
                        Outcome::Exit(1)
                    }
                },
            };
        }
        Outcome::Error(obj::exc::format_exception(self, e))
    }

    /// Set `sys.argv`.
    pub fn set_argv(&mut self, args: &[&str]) -> PyResult<()> {
        let l = self.sys_argv;
        for a in args {
            let s = self.new_str(a)?;
            self.list_push(l, s)?;
        }
        Ok(())
    }

    /// Append a directory to `sys.path`.
    pub fn add_path(&mut self, dir: &str) -> PyResult<()> {
        let l = self.sys_path;
        let s = self.new_str(dir)?;
        self.list_push(l, s)
    }

    /// Peak heap use so far, in bytes.
    pub fn peak_heap(&self) -> usize {
        self.heap.peak_bytes()
    }
}

#[cfg(all(test, feature = "compiler"))]
mod tests {
    use super::*;

    /// Run `src` as `__main__` on a 64 KiB heap; Python `assert`s in it become test failures.
    fn run_small(src: &str) {
        static INTERRUPT: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);
        let port = alloc::boxed::Box::new(upy_hal::NullPort::new("test", &INTERRUPT, |_: &[u8]| {}));
        let mut vm = Vm::new(port, vm::Config { heap_bytes: 64 * 1024, ..vm::Config::default() });
        assert_eq!(vm.run_main(src, "<test>", CompileMode::Exec), Outcome::Ok);
    }

    #[test]
    fn invalid_bytecode_is_refused_at_load_with_runtime_error() {
        // The dispatch loop trusts the validator's proofs: code that fails validation must
        // never be loaded, let alone run.
        let mut vm = crate::testing::test_vm();
        let mut code = upy_compiler::compile("x = 1\n", "<test>", upy_compiler::Mode::Exec).unwrap();
        assert!(obj::func::load_code(&mut vm, &code).is_ok());
        // Pops from an empty stack, then runs off the end.
        code.code = alloc::vec![upy_bytecode::Op::Pop as u8];
        let r = obj::func::load_code(&mut vm, &code);
        assert!(r.is_err());
        assert!(vm.exc_matches(vm.exc, types::TypeId::RuntimeError));
        // An unknown opcode byte.
        code.code = alloc::vec![0xff];
        assert!(obj::func::load_code(&mut vm, &code).is_err());
        assert!(vm.exc_matches(vm.exc, types::TypeId::RuntimeError));
    }

    #[test]
    fn garbage_of_a_failed_statement_is_collected_at_module_level() {
        // 20000 bytes of garbage stayed allocated: temporary roots left from loading the
        // program pointed at explicitly freed blocks that the bytearray then reused.
        run_small(
            "import gc\nx = 1\ngc.collect(); a = gc.mem_free()\ntry:\n    bytearray(20000).extend(5)\nexcept TypeError:\n    pass\n\
             gc.collect(); d = a - gc.mem_free()\nassert d < 1000, d\n\
             gc.collect(); a = gc.mem_free()\nbytearray(20000)\ngc.collect(); d = a - gc.mem_free()\nassert d < 1000, d\n",
        );
    }

    #[test]
    fn garbage_left_by_an_exception_is_collected_in_a_function() {
        run_small(
            "import gc\ndef f():\n    x = 1\n    gc.collect(); a = gc.mem_free()\n    try:\n        bytearray(20000).extend(5)\n    except TypeError:\n        pass\n\
             \x20   try:\n        [bytearray(20000), 1].sort()\n    except TypeError:\n        pass\n\
             \x20   gc.collect(); d = a - gc.mem_free()\n    assert d < 1000, d\nf()\n",
        );
    }
}
