//! The `upy-sim` contract that tests and tools rely on: `FILE.py ARGS` with sys.argv and the
//! script's directory on sys.path, `-c CODE`, exit codes (0, 1 with a MicroPython-style
//! traceback on stderr, `sys.exit(n)`), SyntaxError with file and line, MemoryError on a
//! small `--heap`, RecursionError for deep recursion, and SIGINT as KeyboardInterrupt.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn sim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_upy-sim"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("upy-sim-contract-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run upy-sim")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn script_gets_argv_and_its_directory_on_sys_path() {
    let d = tmpdir("argv");
    std::fs::write(d.join("helper_mod.py"), "VALUE = 42\n").unwrap();
    std::fs::write(d.join("main.py"), "import sys\nimport helper_mod\nprint(sys.argv[1:], helper_mod.VALUE, __name__)\n").unwrap();
    let out = run(sim().arg(d.join("main.py")).args(["a", "b c"]));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "['a', 'b c'] 42 __main__\n");
}

#[test]
fn dash_c_runs_code() {
    let out = run(sim().args(["-c", "print(sum(range(10)) * 2)"]));
    assert_eq!(text(&out.stdout), "90\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_exception_prints_a_traceback_on_stderr_and_exits_1() {
    let d = tmpdir("tb");
    let f = d.join("boom.py");
    std::fs::write(&f, "def inner():\n    raise ValueError('boom')\n\ndef outer():\n    inner()\n\nouter()\n").unwrap();
    let out = run(sim().arg(&f));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    let name = f.display().to_string();
    let want = format!(
        "Traceback (most recent call last):\n  File \"{name}\", line 7, in <module>\n  File \"{name}\", line 5, in outer\n  File \"{name}\", line 2, in inner\nValueError: boom\n"
    );
    assert_eq!(err, want);
}

#[test]
fn sys_exit_sets_the_exit_status() {
    assert_eq!(run(sim().args(["-c", "import sys\nsys.exit(3)"])).status.code(), Some(3));
    assert_eq!(run(sim().args(["-c", "import sys\nsys.exit()"])).status.code(), Some(0));
    let out = run(sim().args(["-c", "raise SystemExit('bye')"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bye"));
}

#[test]
fn syntax_error_names_file_and_line() {
    let d = tmpdir("syntax");
    let f = d.join("bad.py");
    std::fs::write(&f, "x = 1\ny = (2,\nz = 3\n").unwrap();
    let out = run(sim().arg(&f));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("File \"{}\", line", f.display())), "{err}");
    assert!(err.lines().last().unwrap_or("").starts_with("SyntaxError"), "{err}");
}

#[test]
fn memory_error_on_a_small_heap_is_catchable() {
    let code = "import gc\nx = []\ntry:\n    while True:\n        x.append(bytearray(1000))\nexcept MemoryError:\n    n = len(x)\n    x = None\n    gc.collect()\n    print('caught', n > 10, gc.mem_free() > 30000)\n";
    let out = run(sim().args(["--heap", "64K", "-c", code]));
    assert_eq!(text(&out.stdout), "caught True True\n", "stderr: {}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn memory_error_has_micropythons_message_and_a_traceback() {
    // A request far beyond a mostly free heap: MicroPython's message (py/runtime.c
    // m_malloc_fail) and the usual traceback, not a bare `MemoryError: `.
    let out = run(sim().args(["--heap", "64K", "-c", "x = bytearray(200000)"]));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nMemoryError: memory allocation failed, allocating 200000 bytes\n"
    );
    // Through a function, caught, printed by sys.print_exception, and the program goes on;
    // then a heap filled to the brim still gives a catchable MemoryError.
    let code = "import sys\ndef f():\n    return bytearray(100000)\ntry:\n    f()\nexcept MemoryError as e:\n    print('caught', e)\n    sys.print_exception(e, sys.stdout)\n\
                x = []\ntry:\n    while True:\n        x.append(bytearray(100))\nexcept MemoryError as e:\n    x = None\n    print(type(e).__name__)\nprint('carry on', len(bytearray(20000)))\n";
    let out = run(sim().args(["--heap", "64K", "-c", code]));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "stdout: {stdout} stderr: {}", text(&out.stderr));
    assert!(stdout.starts_with("caught memory allocation failed, allocating 100000 bytes\nTraceback (most recent call last):\n"), "{stdout}");
    assert!(
        stdout.contains("  File \"<stdin>\", line 3, in f\nMemoryError: memory allocation failed, allocating 100000 bytes\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\nMemoryError\ncarry on 20000\n"), "{stdout}");
}

#[test]
fn deep_recursion_is_a_runtime_error_not_a_crash() {
    let code = "def f(n):\n    return f(n + 1) + 1\ntry:\n    f(0)\nexcept RuntimeError as e:\n    print(type(e).__name__)\nl = []\nfor i in range(100000):\n    l = [l]\ntry:\n    repr(l)\nexcept RuntimeError:\n    print('deep repr')\n";
    let out = run(sim().args(["--heap", "8M", "-c", code]));
    assert_eq!(text(&out.stdout), "RecursionError\ndeep repr\n", "stderr: {}", text(&out.stderr));
}

#[test]
fn sigint_interrupts_a_busy_loop_with_keyboard_interrupt() {
    let mut child = sim()
        .args(["-c", "while True:\n    pass\n"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGINT).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("KeyboardInterrupt"), "stderr: {}", text(&out.stderr));
}

#[test]
fn garbage_is_collected_in_a_script_and_in_an_imported_module() {
    // Temporary roots left from loading the program (or the module) pinned a 20000-byte
    // bytearray that reused an explicitly freed block: 20080 bytes never came back.
    let check = "import gc\nx = 1\ngc.collect(); a = gc.mem_free()\ntry:\n    bytearray(20000).extend(5)\nexcept TypeError:\n    pass\ngc.collect(); print(a - gc.mem_free() < 1000)\n";
    let d = tmpdir("garbage");
    std::fs::write(d.join("leakmod.py"), check).unwrap();
    std::fs::write(d.join("main.py"), "import leakmod\n").unwrap();
    let out = run(sim().args(["--heap", "64K"]).arg(d.join("main.py")));
    assert_eq!(text(&out.stdout), "True\n", "stderr: {}", text(&out.stderr));
    let out = run(sim().args(["--heap", "64K", "-c", check]));
    assert_eq!(text(&out.stdout), "True\n", "stderr: {}", text(&out.stderr));
}

#[test]
fn native_objects_print_as_micropython_prints_them() {
    // py/obj.c mp_obj_print_helper: a native type without a print function is `<Type>`
    // (mpremote's `df` prints vfs.mount()); littlefs files are `<io.Type>`, StringIO and
    // BytesIO `<io.Type 0x...>`. Instances of Python classes keep `... object at 0x...`.
    let d = tmpdir("native-repr");
    let code = "import vfs, io, select, hashlib\nprint(vfs.mount())\nprint(repr(vfs.VfsLfs2(None)), str(vfs.VfsLfs2(None)))\n\
                print(select.poll(), [hashlib.sha256()])\nf = open('r.txt', 'w')\nprint(f)\nf.close()\nf = open('r.txt', 'rb')\nprint(f)\nf.close()\n\
                print(repr(io.StringIO()).startswith('<io.StringIO 0x'), repr(io.BytesIO()).startswith('<io.BytesIO 0x'))\n\
                class C:\n    pass\nr = repr(C())\nprint(r.startswith('<') and 'C object at 0x' in r)\n";
    let out = run(sim().arg("--flash").arg(d.join("flash.img")).args(["-c", code]));
    assert_eq!(
        text(&out.stdout),
        "[(<VfsLfs2>, '/')]\n<VfsLfs2> <VfsLfs2>\n<poll> [<sha256>]\n<io.TextIOWrapper>\n<io.FileIO>\nTrue True\nTrue\n",
        "stderr: {}",
        text(&out.stderr)
    );
}

#[test]
fn select_poll_sees_piped_stdin() {
    // `echo hi | upy-sim -c ...`: poll reported no input on a pipe (only the pty console
    // counted), though reading worked.
    let code = "import select, sys\np = select.poll()\np.register(sys.stdin, select.POLLIN)\n\
                print([ev for _, ev in p.poll(1000)])\nprint(repr(sys.stdin.read(2)))\nprint([ev for _, ev in p.poll(0)])\nprint(repr(sys.stdin.read()))\n";
    let mut child = sim().args(["-c", code]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(b"hi there\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stdout), "[1]\n'hi'\n[1]\n' there\\n'\n", "stderr: {}", text(&out.stderr));
    // A pipe that stays open and empty: nothing to read, poll says so at once.
    let code = "import select, sys\np = select.poll()\np.register(sys.stdin, select.POLLIN)\nprint(p.poll(0), p.poll(50))\n";
    let mut child = sim().args(["-c", code]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let input = child.stdin.take();
    let out = child.wait_with_output().unwrap();
    drop(input);
    assert_eq!(text(&out.stdout), "[] []\n", "stderr: {}", text(&out.stderr));
}

#[test]
fn caught_exception_tracebacks_match_cpython() {
    // The frame that catches an exception is in its traceback; a re-raise (bare `raise`, a
    // `finally`, an `except` that does not match) adds no second entry. Compared with CPython's
    // traceback module on the same program, file and line numbers.
    let body = "def f():
    1/0
def g():
    try:
        f()
    except ZeroDivisionError as e:
        pe(e)
    try:
        try:
            f()
        except ZeroDivisionError:
            raise
    except ZeroDivisionError as e:
        pe(e)
    try:
        try:
            f()
        finally:
            pass
    except ZeroDivisionError as e:
        pe(e)
    try:
        try:
            f()
        except KeyError:
            pass
    except ZeroDivisionError as e:
        pe(e)
def gen():
    yield 1
    raise ValueError('in generator')
try:
    for x in gen():
        pass
except ValueError as e:
    pe(e)
def inner():
    yield 1
    raise KeyError('k')
def outer():
    for y in inner():
        yield y
def h():
    for x in outer():
        pass
try:
    h()
except KeyError as e:
    pe(e)
try:
    raise ValueError('x')
except ValueError as e:
    pe(e)
def w(n):
    i = 0
    while i < n or 1/0:
        i += 1
try:
    w(2)
except ZeroDivisionError as e:
    pe(e)
def it2():
    yield 1
    yield 2
    raise KeyError('k')
def loop():
    for x in it2():
        x += 1
try:
    loop()
except KeyError as e:
    pe(e)
g()
";
    let upy_dir = tmpdir("tb-upy");
    std::fs::write(upy_dir.join("t.py"), format!("import sys; pe = lambda e: sys.print_exception(e, sys.stdout)\n{body}")).unwrap();
    let cpy_dir = tmpdir("tb-cpython");
    std::fs::write(
        cpy_dir.join("t.py"),
        format!(
            "import traceback, os; pe = lambda e: print('Traceback (most recent call last):\\n' + ''.join('  File \"%s\", line %d, in %s\\n' % (os.path.basename(f.filename), f.lineno, f.name) for f in traceback.extract_tb(e.__traceback__)) + '%s: %s' % (type(e).__name__, e))\n{body}"
        ),
    )
    .unwrap();
    let upy = run(sim().current_dir(&upy_dir).arg("t.py"));
    let cpy = run(Command::new("python3").current_dir(&cpy_dir).arg("t.py"));
    assert_eq!(cpy.status.code(), Some(0), "python3 failed: {}", text(&cpy.stderr));
    assert_eq!(upy.status.code(), Some(0), "stderr: {}", text(&upy.stderr));
    // CPython prints the script's absolute path (the shim above keeps its base name, the name
    // upy was given); the frames, names and lines must be the same.
    assert_eq!(text(&upy.stdout), text(&cpy.stdout));
    assert_eq!(text(&upy.stdout).matches("Traceback").count(), 9);
}

#[test]
fn fused_instruction_tracebacks_match_cpython() {
    // The compiler fuses `LoadFast; LoadFast`, `StoreFast; LoadFast`, `LoadSmallInt; BinaryOp`,
    // `LoadSmallInt; BinarySubscr`, `LoadFast; BinaryOp`, `LoadFast; LoadAttr/LoadMethod/StoreAttr`
    // and `LoadNone; ReturnValue` into one instruction; the VM branches
    // on `CompareOp; PopJumpIf*` without dispatching the jump, and a `ForIter` over a range does
    // the `StoreFast`/`StoreFastLoadFast` after it: errors in either half keep
    // their own line (the second half's may be on another line). Compared
    // with CPython's traceback module: file, line and function of every frame, and the type.
    let body = "def first(flag):
    if flag:
        x = 1
    y = 2
    return x + y
def second(flag):
    x = 1
    if flag:
        y = 2
    return x + y
def store_load(flag):
    if flag:
        y = 1
    x = 2
    y
def multi(flag):
    x = 1
    if flag:
        y = 1
    return (x +
            y)
def cmp(a, b):
    if a < b:
        return 1
def cmp_loop(a, b):
    while a <= b:
        a = a + 1
for f, args in ((first, (False,)), (second, (False,)), (store_load, (False,)), (multi, (False,)), (cmp, (1, 'x')), (cmp_loop, (1.5, None))):
    try:
        f(*args)
    except Exception as e:
        pe(e)
def binop_lines(a):
    return (a +
            1)
def subscr_lines(a):
    return a[
        5]
def binop_same(a):
    return a * 2 - 1
def subscr_same(a):
    return a[3]
def inplace(a):
    a += 1
    return a
for f, args in ((binop_lines, (\"s\",)), (subscr_lines, ([1],)), (binop_same, (None,)), (subscr_same, ({},)), (inplace, ([],))):
    try:
        f(*args)
    except Exception as e:
        pe(e)
def lfbin(a, flag):
    if flag:
        b = 1
    c = a * 2
    return (c +
            b)
def lfbin_type(a, b):
    x = a
    return (x -
            b)
for f, args in ((lfbin, (1, False)), (lfbin_type, (\"s\", 1))):
    try:
        f(*args)
    except Exception as e:
        pe(e)
def for_unbound(n):
    for i in range(n):
        x = j
        j = i
def for_unbound_lines(n):
    for i in range(n):
        y = (i +
             k)
        k = 1
for f, args in ((for_unbound, (3,)), (for_unbound_lines, (2,))):
    try:
        f(*args)
    except Exception as e:
        pe(e)
def attr_lines(o):
    return (o
            .nope)
def method_lines(o):
    return (o.
            nope())
def store_lines(o, v):
    (o
     ).attr = v + 1
def attr_unbound(flag):
    if flag:
        o = 1
    return o.real
def none_return(o):
    o.x
    return None
for f, args in ((attr_lines, (1,)), (method_lines, (1,)), (store_lines, (1, 2)), (attr_unbound, (False,)), (none_return, (2,))):
    try:
        f(*args)
    except Exception as e:
        pe(e)
";
    let upy_dir = tmpdir("tb-fused-upy");
    std::fs::write(upy_dir.join("t.py"), format!("import sys, io; pe = lambda e: (lambda s: (sys.print_exception(e, s), print('\\n'.join(s.getvalue().splitlines()[:-1])), print(type(e).__name__)))(io.StringIO())\n{body}")).unwrap();
    let cpy_dir = tmpdir("tb-fused-cpython");
    std::fs::write(
        cpy_dir.join("t.py"),
        format!(
            "import traceback, os; pe = lambda e: print('Traceback (most recent call last):\\n' + ''.join('  File \"%s\", line %d, in %s\\n' % (os.path.basename(f.filename), f.lineno, f.name) for f in traceback.extract_tb(e.__traceback__)) + type(e).__name__)\n{body}"
        ),
    )
    .unwrap();
    let upy = run(sim().current_dir(&upy_dir).arg("t.py"));
    let cpy = run(Command::new("python3").current_dir(&cpy_dir).arg("t.py"));
    assert_eq!(cpy.status.code(), Some(0), "python3 failed: {}", text(&cpy.stderr));
    assert_eq!(upy.status.code(), Some(0), "stderr: {}", text(&upy.stderr));
    assert_eq!(text(&upy.stdout), text(&cpy.stdout));
    assert_eq!(text(&upy.stdout).matches("Traceback").count(), 20);
}
