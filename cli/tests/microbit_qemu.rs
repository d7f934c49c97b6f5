//! End to end: the real `upy` binary against stock MicroPython (BBC micro:bit firmware 1.0.1, MicroPython
//! 1.9.2) running in QEMU. That firmware has no raw-paste, a flat filesystem, no os.ilistdir, os.stat,
//! os.rename, hashlib or binascii — the hardest stock target, so every fallback path runs here.
//!
//! Each test boots its own board (about 4% of a core while idle), so tests are independent.

mod common;

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Microbit, Run, TempDir, noise, sha256_hex, upy, upy_cmd, upy_on};

#[test]
fn exec_eval_json_and_exit_codes() {
    let board = Microbit::start();
    let dir = TempDir::new("exec");
    let d = dir.path();

    let r = upy_on(&board, d, &["exec", "print('hi', 6*7)"]);
    r.ok();
    assert_eq!(r.stdout, "hi 42\n");

    let r = upy_on(&board, d, &["eval", "1+2"]);
    r.ok();
    assert_eq!(r.stdout, "3\n");

    let v = upy_on(&board, d, &["--json", "eval", "'a'*3"]).json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["value"], "aaa");

    // A Python error on the device: exit code 1, the traceback on stderr.
    let r = upy_on(
        &board,
        d,
        &["exec", "print('before')\nraise ValueError('bad value')"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "before\n");
    assert!(r.stderr.contains("ValueError: bad value"), "{}", r.stderr);
    assert!(r.stderr.contains("Traceback"), "{}", r.stderr);

    let r = upy_on(
        &board,
        d,
        &["exec", "--json", "print('x')\nimport nosuchmodule"],
    );
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["stdout"], "x\n");
    assert_eq!(v["error"]["kind"], "exception");
    assert_eq!(v["error"]["exit_code"], 1);
    assert_eq!(v["error"]["exception"]["type"], "ImportError");

    // The board is still usable after errors.
    upy_on(&board, d, &["exec", "pass"]).ok();
}

#[test]
fn run_streams_output_and_ctrl_c_interrupts_the_device_program() {
    let board = Microbit::start();
    let dir = TempDir::new("run");
    let d = dir.path();
    let script = dir.write(
        "hello.py",
        "for i in range(3):\n    print('line', i)\nprint('é ok')\n",
    );
    let r = upy_on(&board, d, &["run", script.to_str().unwrap()]);
    r.ok();
    assert_eq!(r.stdout, "line 0\nline 1\nline 2\né ok\n");

    let bad = dir.write("bad.py", "x = (\n");
    let r = upy_on(&board, d, &["run", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("SyntaxError"), "{}", r.stderr);

    // A program that never ends: Ctrl-C (SIGINT to upy) must interrupt it on the device.
    let forever = dir.write("forever.py", "import microbit\nn = 0\nwhile True:\n    n += 1\n    print('tick', n)\n    microbit.sleep(50)\n");
    let mut child = upy_cmd(d)
        .args(["-d", &board.port, "run", forever.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let start = Instant::now();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("tick 3") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no ticks: {}",
            String::from_utf8_lossy(&seen)
        );
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "upy ended early: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    // SAFETY: sending SIGINT to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("KeyboardInterrupt"), "stderr: {err}");
    // The device program stopped: the board answers at once.
    let r = upy_on(&board, d, &["exec", "--no-reset", "print(n > 2)"]);
    r.ok();
    assert_eq!(r.stdout, "True\n");
}

#[test]
fn file_commands_on_a_flat_filesystem() {
    let board = Microbit::start();
    let dir = TempDir::new("files");
    let d = dir.path();
    let text = "print('hello')\n# é and ☺ survive\n".repeat(40);
    let binary = noise(3000, 7);
    let t = dir.write("main.py", &text);
    let b = dir.write("blob.bin", &binary);

    // host -> device, to the root and to an explicit name
    upy_on(&board, d, &["cp", t.to_str().unwrap(), ":"]).ok();
    upy_on(&board, d, &["cp", b.to_str().unwrap(), ":data.bin"]).ok();

    let r = upy_on(&board, d, &["ls", "-l"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0]
            .trim_start()
            .starts_with(&format!("{} data.bin", binary.len())),
        "{}",
        r.stdout
    );
    assert!(
        lines[1]
            .trim_start()
            .starts_with(&format!("{} main.py", text.len())),
        "{}",
        r.stdout
    );

    let v = upy_on(&board, d, &["--json", "ls"]).json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["path"], "/");
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["name"], "main.py");
    assert_eq!(entries[1]["path"], "/main.py");
    assert_eq!(entries[1]["type"], "file");
    assert_eq!(entries[1]["size"], text.len());

    // cat, with and without ':'
    let r = upy_on(&board, d, &["cat", "main.py"]);
    r.ok();
    assert_eq!(r.stdout, text);
    assert_eq!(
        upy_on(&board, d, &["cat", ":/main.py"]).raw_stdout,
        text.as_bytes()
    );

    // device -> host, byte exact
    let back = d.join("back.bin");
    upy_on(&board, d, &["cp", ":data.bin", back.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read(&back).unwrap(), binary);
    let into_dir = d.join("sub");
    std::fs::create_dir(&into_dir).unwrap();
    upy_on(&board, d, &["cp", ":main.py", into_dir.to_str().unwrap()]).ok();
    assert_eq!(
        std::fs::read_to_string(into_dir.join("main.py")).unwrap(),
        text
    );

    // sha256sum: no hashlib on this firmware, so the host hashes what it reads back
    let r = upy_on(&board, d, &["sha256sum", "data.bin"]);
    r.ok();
    assert_eq!(r.stdout, format!("{}  /data.bin\n", sha256_hex(&binary)));
    let v = upy_on(&board, d, &["--json", "sha256sum", "main.py"]).json();
    assert_eq!(v["files"][0]["sha256"], sha256_hex(text.as_bytes()));
    assert_eq!(v["files"][0]["computed_on"], "host");

    // touch creates an empty file and leaves an existing one alone
    upy_on(&board, d, &["touch", "empty.txt", "main.py"]).ok();
    let v = upy_on(&board, d, &["--json", "ls"]).json();
    let sizes: Vec<(String, u64)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["size"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(sizes.contains(&("empty.txt".into(), 0)), "{sizes:?}");
    assert!(
        sizes.contains(&("main.py".into(), text.len() as u64)),
        "{sizes:?}"
    );

    // overwrite replaces the content and leaves no temporary file behind
    let small = dir.write("main2.py", "print(2)\n");
    upy_on(&board, d, &["cp", small.to_str().unwrap(), ":main.py"]).ok();
    assert_eq!(upy_on(&board, d, &["cat", "main.py"]).stdout, "print(2)\n");
    let r = upy_on(&board, d, &["ls"]);
    assert!(!r.stdout.contains("upytmp"), "{}", r.stdout);

    // rm, then errors that speak to the user
    upy_on(&board, d, &["rm", "empty.txt", ":data.bin"]).ok();
    assert_eq!(upy_on(&board, d, &["ls"]).stdout, "main.py\n");
    let r = upy_on(&board, d, &["cat", "nope.py"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!(
            "cat: /nope.py: no such file on device {}",
            board.port
        )),
        "{}",
        r.stderr
    );
    let r = upy_on(&board, d, &["rm", "nope.py"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no such file"), "{}", r.stderr);
    let r = upy_on(&board, d, &["mkdir", "lib"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("the micro:bit filesystem is flat: directories are not supported"),
        "{}",
        r.stderr
    );
    let v = upy_on(&board, d, &["--json", "cat", "nope.py"]).json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "device");
    assert_eq!(v["error"]["exit_code"], 1);
    let r = upy_on(
        &board,
        d,
        &["cp", d.join("missing.py").to_str().unwrap(), ":"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.py"), "{}", r.stderr);
}

#[test]
fn sync_copies_then_is_a_noop_then_deletes() {
    let board = Microbit::start();
    let dir = TempDir::new("sync");
    let d = dir.path();
    let proj = TempDir::new("sync-proj");
    proj.write("main.py", "import util\nprint(util.X)\n");
    proj.write("util.py", "X = 1\n");
    proj.write("data.bin", noise(2500, 3));
    proj.write(".gitignore", "*.log\n");
    proj.write("debug.log", "not for the board\n");
    proj.write(".upyignore", "secret.py\n");
    proj.write("secret.py", "KEY = 'x'\n");
    let src = proj.path().to_str().unwrap();

    // a stray file already on the device
    let stray = dir.write("stray.txt", "old");
    upy_on(&board, d, &["cp", stray.to_str().unwrap(), ":"]).ok();

    let r = upy_on(&board, d, &["sync", src, "--dry-run"]);
    r.ok();
    assert_eq!(r.stdout, "add /data.bin\nadd /main.py\nadd /util.py\n");
    // dry run changed nothing
    assert_eq!(upy_on(&board, d, &["ls"]).stdout, "stray.txt\n");

    let r = upy_on(&board, d, &["sync", src]);
    r.ok();
    assert_eq!(r.stdout, "add /data.bin\nadd /main.py\nadd /util.py\n");
    assert_eq!(
        upy_on(&board, d, &["ls"]).stdout,
        "data.bin\nmain.py\nstray.txt\nutil.py\n"
    );
    assert_eq!(upy_on(&board, d, &["exec", "import main"]).stdout, "1\n");

    // second run: nothing to do, and the dry run prints nothing
    let r = upy_on(&board, d, &["sync", src, "--dry-run"]);
    r.ok();
    assert_eq!(r.stdout, "");
    let v = upy_on(&board, d, &["--json", "sync", src]).json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["actions"].as_array().unwrap().len(), 0);
    assert_eq!(v["unchanged"], 3);

    // same size, different content: found by reading back (this firmware has no hashlib)
    proj.write("util.py", "X = 2\n");
    let r = upy_on(&board, d, &["sync", src, "--dry-run"]);
    assert_eq!(r.stdout, "update /util.py\n");
    // --delete removes what is not in the source
    let v = upy_on(&board, d, &["--json", "sync", src, "--delete"]).json();
    assert_eq!(v["ok"], true);
    let actions: Vec<(String, String)> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["action"].as_str().unwrap().to_string(),
                a["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("delete".to_string(), "/stray.txt".to_string()),
            ("update".into(), "/util.py".into())
        ]
    );
    assert_eq!(
        upy_on(&board, d, &["ls"]).stdout,
        "data.bin\nmain.py\nutil.py\n"
    );
    assert_eq!(upy_on(&board, d, &["exec", "import main"]).stdout, "2\n");
    assert_eq!(
        upy_on(&board, d, &["sync", src, "--delete", "-n"]).stdout,
        ""
    );

    // a subdirectory cannot go to a flat filesystem
    proj.write("lib/x.py", "pass\n");
    let r = upy_on(&board, d, &["sync", src]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("flat"), "{}", r.stderr);
}

#[test]
fn tree_df_repl_and_reset() {
    let board = Microbit::start();
    let dir = TempDir::new("misc");
    let d = dir.path();
    let f = dir.write("a.py", "A = 1\n");
    upy_on(&board, d, &["cp", f.to_str().unwrap(), ":"]).ok();
    upy_on(&board, d, &["cp", f.to_str().unwrap(), ":b.py"]).ok();

    let r = upy_on(&board, d, &["tree"]);
    r.ok();
    assert_eq!(r.stdout, ":/\n├── a.py\n└── b.py\n");

    let v = upy_on(&board, d, &["--json", "df"]).json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["used"], 12);
    assert!(v["total"].is_null(), "the micro:bit has no statvfs: {v}");

    // repl passthrough with piped input: a line, then Ctrl-] ends the session
    let mut child = upy_cmd(d)
        .args(["-d", &board.port, "repl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"\r").unwrap();
        std::thread::sleep(Duration::from_millis(300));
        // The 1.9 line editor takes ASCII only; the é comes back from the board as UTF-8.
        stdin.write_all(b"print(6*7, '\\xe9')\r").unwrap();
        std::thread::sleep(Duration::from_millis(500));
        stdin.write_all(b"\x1d").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("42 é"), "{text}");
    assert!(text.contains(">>> "), "{text}");

    // soft reset keeps the connection; hard reset reconnects; the files survive both
    upy_on(&board, d, &["exec", "--no-reset", "marker = 5"]).ok();
    upy_on(&board, d, &["reset", "--soft"]).ok();
    let r = upy_on(
        &board,
        d,
        &["exec", "--no-reset", "print('marker' in globals())"],
    );
    assert_eq!(r.stdout, "False\n");
    let v = upy_on(&board, d, &["--json", "reset", "--hard"]).json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["reconnected"], true);
    assert_eq!(upy_on(&board, d, &["ls"]).stdout, "a.py\nb.py\n");
    let r = upy_on(&board, d, &["reset", "--bootloader"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("bootloader"), "{}", r.stderr);
}

#[test]
fn a_second_upy_cannot_steal_the_port() {
    let board = Microbit::start();
    let dir = TempDir::new("busy");
    let d = dir.path();
    let forever = dir.write(
        "forever.py",
        "import microbit\nwhile True:\n    print('x')\n    microbit.sleep(100)\n",
    );
    let mut child = upy_cmd(d)
        .args(["-d", &board.port, "run", forever.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    assert!(stdout.read(&mut buf).unwrap() > 0);
    let r = upy_on(&board, d, &["ls"]);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("in use by"), "{}", r.stderr);
    assert!(
        r.stderr.contains("upy"),
        "the holder is named: {}",
        r.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    // No board needed: these fail before connecting.
    let dir = TempDir::new("usage");
    let d = dir.path();
    let r = upy(d, &["lss"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("similar subcommand exists: 'ls'"),
        "{}",
        r.stderr
    );
    let r = upy(d, &["-d", "/dev/does-not-exist", "ls"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no such port /dev/does-not-exist"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("-d sim"), "{}", r.stderr);
    // The simulated board with a flash image that cannot be created: a connection error.
    let bad_image = dir.write("not-a-dir", "").join("sim-flash.img");
    let sim_bad = |args: &[&str]| -> Run {
        upy_cmd(d)
            .env("UPY_SIM_FLASH", &bad_image)
            .args(args)
            .output()
            .expect("run upy")
            .into()
    };
    let r = sim_bad(&["-d", "sim", "ls"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("simulated board's flash image") && r.stderr.contains("not-a-dir"),
        "{}",
        r.stderr
    );
    let v = sim_bad(&["--json", "-d", "sim", "ls"]).json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "connection");
    assert_eq!(v["error"]["exit_code"], 2);
    // an alias typo in a project gets a suggestion
    std::fs::write(d.join("upy.toml"), "[aliases]\npico = \"/dev/ttyACM0\"\n").unwrap();
    let r = upy(d, &["-d", "pikco", "ls"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown device 'pikco'") && r.stderr.contains("did you mean 'pico'?"),
        "{}",
        r.stderr
    );
    std::fs::write(d.join("upy.toml"), "[device]\ndefualt = 1\n").unwrap();
    let r = upy(d, &["ls"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("upy.toml is not valid"), "{}", r.stderr);
    // completions
    let r = upy(d, &["completions", "bash"]);
    r.ok();
    assert!(
        r.stdout.contains("sha256sum") && r.stdout.contains("_upy"),
        "{}",
        r.stdout
    );
}

#[test]
fn project_config_selects_the_board() {
    let board = Microbit::start();
    let dir = TempDir::new("config");
    let d = dir.path();
    dir.write(
        "upy.toml",
        format!(
            "[device]\ndefault = \"mb\"\n\n[aliases]\nmb = \"{}\"\n",
            board.port
        ),
    );
    let sub = d.join("src");
    std::fs::create_dir(&sub).unwrap();
    // no -d: the default from the nearest upy.toml (found from a subdirectory)
    let r = upy(&sub, &["eval", "'via config'"]);
    r.ok();
    assert_eq!(r.stdout, "via config\n");
    let r = upy(d, &["-d", "mb", "exec", "print(7)"]);
    r.ok();
    assert_eq!(r.stdout, "7\n");
}

#[test]
fn a_full_filesystem_never_leaves_half_a_file() {
    // The micro:bit has no os.rename: a write is staged in <name>.upytmp and copied over by the board.
    // Its filesystem holds about three 5000-byte files, so the third needs the in-place fallback and the
    // fourth does not fit at all.
    let board = Microbit::start();
    let dir = TempDir::new("full");
    let d = dir.path();
    let files: Vec<Vec<u8>> = (0..4).map(|i| noise(5000, 100 + i)).collect();
    for (i, data) in files.iter().enumerate().take(2) {
        let p = dir.write(&format!("f{i}.bin"), data);
        upy_on(&board, d, &["cp", p.to_str().unwrap(), ":"]).ok();
    }
    let p = dir.write("f2.bin", &files[2]);
    let r = upy_on(&board, d, &["cp", p.to_str().unwrap(), ":"]);
    r.ok();
    assert!(r.stderr.contains("writing in place"), "{}", r.stderr);

    let p = dir.write("f3.bin", &files[3]);
    let r = upy_on(&board, d, &["cp", p.to_str().unwrap(), ":"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cp: /f3.bin: no space left on device"),
        "{}",
        r.stderr
    );

    // No partial target and no temporary file left; the other files are intact.
    assert_eq!(
        upy_on(&board, d, &["ls"]).stdout,
        "f0.bin\nf1.bin\nf2.bin\n"
    );
    for (i, data) in files.iter().enumerate().take(3) {
        let back = d.join(format!("back{i}.bin"));
        upy_on(
            &board,
            d,
            &["cp", &format!(":f{i}.bin"), back.to_str().unwrap()],
        )
        .ok();
        assert_eq!(&std::fs::read(&back).unwrap(), data, "f{i}.bin changed");
    }
}
