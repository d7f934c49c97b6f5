//! The virtual board over a real pseudo-terminal: raw REPL and raw-paste byte for byte as
//! MicroPython (protocol-facts §1–§2), the friendly REPL (§3), bad input, and the board's life
//! (soft reset, boot.py/main.py, hosts coming and going, SIGTERM).

mod board;

use std::time::Duration;

use board::{Board, RAW_BANNER_PROMPT, raw_paste};

const S: Duration = Duration::from_secs(10);

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn raw_repl_enter_and_exec_framing() {
    let b = Board::start(&[]);
    let mut c = b.connect();
    c.write(b"\r\x03");
    c.read_quiet(Duration::from_millis(200));
    c.write(b"\r\x01");
    let got = c.read_until(RAW_BANNER_PROMPT, S);
    assert!(got.ends_with(b"\r\nraw REPL; CTRL-B to exit\r\n>"), "{:?}", text(&got));
    // Success: OK, stdout, \x04, (empty) stderr, \x04, prompt.
    c.write(b"print(1)\x04");
    assert_eq!(c.read_exact(b"OK1\r\n\x04\x04>".len(), S), b"OK1\r\n\x04\x04>");
    // Output is cooked: every \n becomes \r\n.
    c.write(b"print('a\\nb')\x04");
    assert_eq!(text(&c.read_exact(b"OKa\r\nb\r\n\x04\x04>".len(), S)), "OKa\r\nb\r\n\x04\x04>");
    // Error: traceback between the two \x04.
    c.write(b"print('x')\n1/0\x04");
    let got = c.read_until(b"\x04>", S);
    let t = text(&got);
    assert!(t.starts_with("OKx\r\n\x04Traceback (most recent call last):\r\n"), "{t:?}");
    assert!(t.ends_with("ZeroDivisionError: division by zero\r\n\x04>"), "{t:?}");
    // Ctrl-A in raw mode re-prints the banner; Ctrl-C discards collected code silently.
    c.write(b"garbage(\x03\x01");
    assert_eq!(c.read_exact(RAW_BANNER_PROMPT.len(), S), RAW_BANNER_PROMPT);
    // Unknown raw-paste command: R\x00 and the prompt.
    c.write(b"\x05Z\x01");
    assert_eq!(c.read_exact(3, S), b"R\x00>");
    // Ctrl-B back to the friendly REPL: \r\n, banner, prompt.
    c.write(b"\x02");
    let got = c.read_until(b">>> ", S);
    assert!(text(&got).starts_with("\r\nMicroPython v"), "{:?}", text(&got));
    assert!(text(&got).contains("-upy"), "banner says upy: {:?}", text(&got));
}

#[test]
fn raw_paste_docs_transcript_and_flow_control() {
    let b = Board::start(&[]);
    let mut c = b.connect();
    c.write(b"\r\x03");
    c.read_quiet(Duration::from_millis(200));
    // The example of MicroPython's repl.rst, byte for byte.
    c.write(b"\x01\x05A\x01print(123)\x04");
    let want: &[u8] = b"\r\nraw REPL; CTRL-B to exit\r\n>R\x01\x80\x00\x01\x04123\r\n\x04\x04>";
    let got = c.read_until(b"\x04\x04>", S);
    assert!(got.ends_with(want), "{:?}", text(&got));
    // A program much larger than the window: the device grants a window per 128 bytes consumed.
    let mut prog = String::from("t = 0\n");
    for i in 0..400 {
        prog.push_str(&format!("t += {i}  # padding padding\n"));
    }
    prog.push_str("print('total', t)\n");
    let (rest, aborted, grants) = raw_paste(&mut c, prog.as_bytes());
    assert!(!aborted);
    assert!(grants >= prog.len() / 128 - 2, "{grants} grants for {} bytes", prog.len());
    assert_eq!(text(&rest), format!("total {}\r\n\x04\x04>", (0..400).sum::<i32>()));
}

#[test]
fn raw_paste_early_abort_on_syntax_error() {
    let b = Board::start(&[]);
    let mut c = b.connect();
    c.enter_raw();
    let mut prog = String::from("x = = 1\n");
    for i in 0..2000 {
        prog.push_str(&format!("y{i} = {i}\n"));
    }
    let (rest, aborted, _) = raw_paste(&mut c, prog.as_bytes());
    assert!(aborted, "the device stops the transfer at the syntax error");
    let t = text(&rest);
    assert!(t.starts_with("\x04Traceback") || t.starts_with("\x04  File"), "{t:?}");
    assert!(t.contains("SyntaxError"), "{t:?}");
    assert!(t.ends_with("\x04>"), "{t:?}");
    // Still usable.
    assert_eq!(c.raw_exec("print(7)").0, "7\r\n");
}

#[test]
fn ctrl_c_interrupts_running_code_and_kbd_intr_disables_it() {
    let b = Board::start(&[]);
    let mut c = b.connect();
    c.enter_raw();
    c.write(b"print('go')\nwhile True:\n    pass\n\x04");
    assert_eq!(c.read_exact(2, S), b"OK");
    c.read_until(b"go\r\n", S);
    c.write(b"\x03");
    let t = text(&c.read_until(b"\x04>", S));
    assert!(t.starts_with("\x04Traceback"), "{t:?}");
    assert!(t.contains("KeyboardInterrupt"), "{t:?}");
    assert_eq!(c.raw_exec("print(2)").0, "2\r\n");
    // micropython.kbd_intr(-1): Ctrl-C is data, the program is not interrupted.
    c.write(b"import micropython, time\nmicropython.kbd_intr(-1)\nprint('ready')\ntime.sleep_ms(500)\nprint('done')\x04");
    assert_eq!(c.read_exact(2, S), b"OK");
    c.read_until(b"ready\r\n", S);
    c.write(b"\x03");
    let t = text(&c.read_until(b"\x04>", S));
    assert_eq!(t, "done\r\n\x04\x04>");
    // Interrupts work again for the next program.
    c.write(b"print('go')\nwhile True:\n    pass\n\x04");
    assert_eq!(c.read_exact(2, S), b"OK");
    c.read_until(b"go\r\n", S);
    c.write(b"\x03");
    assert!(text(&c.read_until(b"\x04>", S)).contains("KeyboardInterrupt"));
}

#[test]
fn soft_reset_from_raw_runs_boot_py_not_main_py_and_gives_a_fresh_vm() {
    let b = Board::start(&[]);
    let mut c = b.connect();
    c.enter_raw();
    let (_, err) = c.raw_exec(
        "f = open('boot.py', 'w')\nf.write('print(\"boot ran\")\\n')\nf.close()\n\
         f = open('main.py', 'w')\nf.write('print(\"main ran\")\\n')\nf.close()\nx = 5",
    );
    assert_eq!(err, "");
    c.write(b"\x04");
    let t = text(&c.read_until(RAW_BANNER_PROMPT, S));
    assert_eq!(t, "OK\r\nMPY: soft reboot\r\nboot ran\r\nraw REPL; CTRL-B to exit\r\n>");
    let (_, err) = c.raw_exec("print(x)");
    assert!(err.contains("NameError"), "fresh VM after soft reset: {err:?}");
    // Friendly mode: Ctrl-D soft-resets and runs boot.py then main.py.
    c.write(b"\x02");
    c.read_until(b">>> ", S);
    c.write(b"\x04");
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.starts_with("\r\nMPY: soft reboot\r\nboot ran\r\nmain ran\r\nMicroPython v"), "{t:?}");
}

#[test]
fn garbage_bytes_leave_the_board_usable() {
    let b = Board::start(&[]);
    let mut c = b.connect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut garbage = Vec::new();
    for _ in 0..6000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        garbage.push((seed >> 24) as u8);
    }
    for chunk in garbage.chunks(512) {
        c.write(chunk);
        c.read_quiet(Duration::from_millis(20));
    }
    c.read_quiet(Duration::from_millis(500));
    // The host's usual entry still works (it may take a second Ctrl-C if the garbage left
    // paste mode or a running program behind).
    c.write(b"\x03\x03");
    c.read_quiet(Duration::from_millis(300));
    c.enter_raw();
    assert_eq!(c.raw_exec("print(6 * 7)").0, "42\r\n");
}

#[test]
fn truncated_raw_paste_and_a_vanished_host() {
    let b = Board::start(&[]);
    {
        let mut c = b.connect();
        c.enter_raw();
        c.write(b"\x05A\x01");
        assert_eq!(c.read_exact(5, S), b"R\x01\x80\x00\x01");
        c.write(b"print('never fin");
        // The host goes away mid-transfer.
    }
    std::thread::sleep(Duration::from_millis(200));
    let mut c = b.connect();
    c.enter_raw();
    assert_eq!(c.raw_exec("print('back')").0, "back\r\n");
}

#[test]
fn ctrl_c_storm() {
    let b = Board::start(&[]);
    // At the friendly prompt every Ctrl-C gives a fresh prompt.
    let mut c = friendly(&b);
    c.write(&[3u8; 50]);
    let want = "\r\n>>> ".repeat(50);
    assert_eq!(text(&c.read_until(want.as_bytes(), S)), want);
    // During execution: one KeyboardInterrupt, the rest is discarded at the raw prompt.
    c.enter_raw();
    c.write(b"print('go')\nwhile True:\n    pass\n\x04");
    assert_eq!(c.read_exact(2, S), b"OK");
    c.read_until(b"go\r\n", S);
    c.write(&[3u8; 300]);
    let t = text(&c.read_until(b"\x04>", S));
    assert!(t.contains("KeyboardInterrupt"), "{t:?}");
    c.read_quiet(Duration::from_millis(300));
    assert_eq!(c.raw_exec("print(3)").0, "3\r\n");
}

#[test]
fn program_larger_than_the_heap_is_a_memory_error() {
    let b = Board::start(&["--heap", "64K"]);
    let mut c = b.connect();
    c.enter_raw();
    let mut prog = String::new();
    while prog.len() < 100 * 1024 {
        prog.push_str("value = 'a fairly long line of program text'\n");
    }
    // Classic raw mode, paced like mpremote (256-byte slices).
    for chunk in prog.as_bytes().chunks(256) {
        c.write(chunk);
    }
    c.write(b"\x04");
    assert_eq!(c.read_exact(2, S), b"OK");
    let t = text(&c.read_until(b"\x04>", S));
    assert!(t.starts_with("\x04") && t.contains("MemoryError"), "{t:?}");
    assert_eq!(c.raw_exec("print(4)").0, "4\r\n");
    // Raw-paste: the device stops the transfer early.
    let (rest, aborted, _) = raw_paste(&mut c, prog.as_bytes());
    assert!(aborted);
    assert!(text(&rest).contains("MemoryError"), "{:?}", text(&rest));
    assert_eq!(c.raw_exec("print(5)").0, "5\r\n");
    // A program that fits but allocates too much gets a MemoryError too.
    let (_, err) = c.raw_exec("x = [0] * 100000");
    assert!(err.contains("MemoryError"), "{err:?}");
    assert_eq!(c.raw_exec("print(6)").0, "6\r\n");
}

/// Connect and get to a fresh `>>> ` with nothing pending (the marker's value only appears
/// once the line was executed, so earlier banners and prompts are all consumed).
fn friendly(b: &Board) -> board::Conn {
    let mut c = b.connect();
    c.write(b"\r\x03\x02");
    c.write(b"'sy' + 'nc'\r");
    c.read_until(b"'sync'\r\n>>> ", S);
    c
}

#[test]
fn friendly_prompts_echo_and_underscore() {
    let b = Board::start(&[]);
    let mut c = friendly(&b);
    c.write(b"1+2\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "1+2\r\n3\r\n>>> ");
    c.write(b"_*10\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "_*10\r\n30\r\n>>> ");
    // CR LF counts as one newline.
    c.write(b"x = 4\r\n");
    assert_eq!(text(&c.read_until(b">>> ", S)), "x = 4\r\n>>> ");
    c.write(b"x\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "x\r\n4\r\n>>> ");
    // Ctrl-C cancels a line.
    c.write(b"abc\x03");
    assert_eq!(text(&c.read_until(b">>> ", S)), "abc\r\n>>> ");
    // Errors print a traceback and a new prompt.
    c.write(b"1/0\r");
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.contains("ZeroDivisionError: division by zero\r\n>>> "), "{t:?}");
    // History: up arrow recalls the last line.
    c.write(b"\x1b[A");
    assert_eq!(text(&c.read_until(b"1/0", S)), "1/0");
    c.write(b"\x1b[A\x1b[A\x1b[A\r");
    // Four up from the newest entry: 1/0, x, x = 4, _*10 (and `_` is 4 by now).
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.ends_with("\x1b[5D\x1b[K_*10\r\n40\r\n>>> "), "{t:?}");
    // Editing: left arrow and insert.
    c.write(b"12\x1b[D0\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "12\x0802\x08\r\n102\r\n>>> ");
}

#[test]
fn friendly_continuation_and_auto_indent() {
    let b = Board::start(&[]);
    let mut c = friendly(&b);
    c.write(b"if 1:\r");
    assert_eq!(text(&c.read_until(b"...     ", S)), "if 1:\r\n...     ");
    c.write(b"print('yes')\r\r\r\r");
    let t = text(&c.read_until(b">>> ", S));
    assert_eq!(t, "print('yes')\r\n...     \r\n...     \r\n... \r\nyes\r\n>>> ");
    // Unclosed bracket continues too; Ctrl-C cancels the whole statement.
    c.write(b"(1,\r");
    assert_eq!(text(&c.read_until(b"... ", S)), "(1,\r\n... ");
    c.write(b"\x03");
    assert_eq!(text(&c.read_until(b">>> ", S)), "\r\n>>> ");
    c.write(b"(1,\r2)\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "(1,\r\n... 2)\r\n(1, 2)\r\n>>> ");
}

#[test]
fn friendly_paste_mode() {
    let b = Board::start(&[]);
    let mut c = friendly(&b);
    c.write(b"\x05");
    assert_eq!(
        text(&c.read_until(b"=== ", S)),
        "\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== "
    );
    c.write(b"def f():\r    return 6\r\rprint(f() * 7)\r");
    let t = text(&c.read_until(b"print(f() * 7)\r\n=== ", S));
    assert_eq!(t, "def f():\r\n===     return 6\r\n=== \r\n=== print(f() * 7)\r\n=== ");
    c.write(b"\x04");
    assert_eq!(text(&c.read_until(b">>> ", S)), "\r\n42\r\n>>> ");
    // Ctrl-C cancels paste mode.
    c.write(b"\x05print(1)\x03");
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.ends_with("=== print(1)\r\n>>> "), "{t:?}");
}

#[test]
fn friendly_ctrl_d_soft_resets_and_ctrl_b_reprints_the_banner() {
    let b = Board::start(&[]);
    let mut c = friendly(&b);
    c.write(b"y = 1\r");
    c.read_until(b">>> ", S);
    c.write(b"\x04");
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.starts_with("\r\nMPY: soft reboot\r\nMicroPython v"), "{t:?}");
    c.write(b"y\r");
    assert!(text(&c.read_until(b">>> ", S)).contains("NameError"));
    c.write(b"\x02");
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.starts_with("\r\nMicroPython v") && t.contains("; simulated board with host\r\n"), "{t:?}");
}

#[test]
fn friendly_tab_completion() {
    let b = Board::start(&[]);
    let mut c = friendly(&b);
    c.write(b"import sys\r");
    c.read_until(b">>> ", S);
    // A module member: one match is inserted.
    c.write(b"sys.pla\t");
    assert_eq!(text(&c.read_until(b"sys.platform", S)), "sys.platform");
    c.write(b"\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "\r\n'linux'\r\n>>> ");
    // Several matches: listed in columns, then the prompt and line again.
    c.write(b"sys.std\t");
    let t = text(&c.read_until(b">>> sys.std", S));
    assert!(t.contains("stderr") && t.contains("stdin") && t.ends_with(">>> sys.std"), "{t:?}");
    c.write(b"\x03");
    c.read_until(b">>> ", S);
    // A global, and TAB after whitespace inserts four spaces.
    c.write(b"my_variable = 3\r");
    c.read_until(b">>> ", S);
    c.write(b"my_v\t\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "my_variable\r\n3\r\n>>> ");
}

#[test]
fn board_outlives_hosts_and_stops_cleanly_on_sigterm() {
    let mut b = Board::start(&[]);
    for i in 0..3 {
        let mut c = b.connect();
        c.enter_raw();
        assert_eq!(c.raw_exec(&format!("print({i})")).0, format!("{i}\r\n"));
        c.write(b"\r\x02");
    }
    // SIGTERM while a program runs: the board stops, exit status 0.
    let mut c = b.connect();
    c.enter_raw();
    c.write(b"print('go')\nwhile True:\n    pass\n\x04");
    assert_eq!(c.read_exact(2, S), b"OK");
    c.read_until(b"go\r\n", S);
    let st = b.terminate(Duration::from_secs(5)).expect("upy-sim exits on SIGTERM");
    assert!(st.success(), "{st:?}");
    assert!(!b.alive());
}

#[test]
fn files_left_open_survive_sigterm() {
    // The agent committed open files at a soft reset but not when SIGTERM closed its console:
    // the data written through a file nobody closed was lost with the board.
    let mut b = Board::start(&[]);
    let mut c = b.connect();
    c.enter_raw();
    assert_eq!(c.raw_exec("f = open('kept.txt', 'w')\nf.write('written, never closed')\nprint('ok')").0, "ok\r\n");
    c.write(b"\r\x02");
    c.read_until(b">>> ", S);
    c.write(b"g = open('kept2.txt', 'wb')\rg.write(b'from the REPL')\r");
    c.read_until(b"13\r\n>>> ", S);
    let st = b.terminate(Duration::from_secs(5)).expect("upy-sim exits on SIGTERM");
    assert!(st.success(), "{st:?}");
    // The same flash image in a new board: both files hold their data.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_upy-sim"))
        .arg("--flash")
        .arg(b.dir.join("flash.img"))
        .args(["-c", "print(open('kept.txt').read())\nprint(open('kept2.txt', 'rb').read())"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run upy-sim");
    assert_eq!(text(&out.stdout), "written, never closed\nb'from the REPL'\n", "stderr: {}", text(&out.stderr));
}

#[test]
fn friendly_ctrl_c_interrupts_running_code() {
    let b = Board::start(&[]);
    let mut c = friendly(&b);
    c.write(b"for i in range(10 ** 9):\r");
    c.read_until(b"...     ", S);
    c.write(b"if i == 0: print('running')\r\r\r\r");
    // The program announces itself, so the Ctrl-C surely reaches running code.
    c.read_until(b"running\r\n", S);
    c.write(b"\x03");
    let t = text(&c.read_until(b">>> ", S));
    assert!(t.contains("KeyboardInterrupt") && t.ends_with("\r\n>>> "), "{t:?}");
    c.write(b"6 * 7\r");
    assert_eq!(text(&c.read_until(b">>> ", S)), "6 * 7\r\n42\r\n>>> ");
}
