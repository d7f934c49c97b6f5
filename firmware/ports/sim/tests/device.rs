//! `SimDevice`, the board linked into other programs: its console ends, Ctrl-C, hard reset, open
//! files committed at power-off, one board per process and per image. One test: boards in one
//! process share the VM's interrupt flag, so they must not run side by side.

use std::time::{Duration, Instant};

use upy_port_sim::{SimDevice, SimError};

const RAW_PROMPT: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";

fn read_until(d: &SimDevice, pattern: &[u8], limit: Duration) -> Vec<u8> {
    let end = Instant::now() + limit;
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        if seen.windows(pattern.len()).any(|w| w == pattern) {
            return seen;
        }
        assert!(
            Instant::now() < end,
            "timed out waiting for {:?}; got {:?}",
            String::from_utf8_lossy(pattern),
            String::from_utf8_lossy(&seen)
        );
        let n = d.read(&mut buf, Duration::from_millis(50)).expect("board output");
        seen.extend_from_slice(&buf[..n]);
    }
}

/// Run `code` in the raw REPL; returns (stdout, stderr) as the board sent them.
fn raw_exec(d: &SimDevice, code: &str) -> (String, String) {
    d.write(code.as_bytes()).unwrap();
    d.write(b"\x04").unwrap();
    let got = read_until(d, b"\x04>", Duration::from_secs(20));
    let text = String::from_utf8_lossy(&got).into_owned();
    let body = text.strip_prefix("OK").unwrap_or_else(|| panic!("no OK: {text:?}"));
    let mut parts = body.splitn(3, '\x04');
    (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string())
}

fn enter_raw(d: &SimDevice) {
    d.write(b"\r\x03\x03\x01").unwrap();
    read_until(d, RAW_PROMPT, Duration::from_secs(20));
}

#[test]
fn simulated_board_in_process() {
    let dir = std::env::temp_dir().join(format!("upy-simdevice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let image = dir.join("nested/flash.img");

    let d = SimDevice::start(64 * 1024, image.clone()).expect("power on");
    assert!(image.is_file(), "the image is created on first use");
    // Power-on: banner and the friendly prompt.
    let banner = read_until(&d, b">>> ", Duration::from_secs(20));
    assert!(String::from_utf8_lossy(&banner).contains("MicroPython"), "{:?}", String::from_utf8_lossy(&banner));

    // One board per process, and per image.
    assert!(matches!(SimDevice::start(64 * 1024, dir.join("other.img")), Err(SimError::AlreadyRunning)));
    let second = upy_port_sim::board::open_flash(&image);
    assert!(matches!(second, Err(SimError::FlashInUse { .. })), "the image is locked while the board runs");

    enter_raw(&d);
    assert_eq!(raw_exec(&d, "print(6 * 7)"), ("42\r\n".to_string(), String::new()));
    let (_, err) = raw_exec(&d, "import gc\nx = bytearray(80 * 1024)");
    assert!(err.contains("MemoryError"), "the heap is the one asked for: {err:?}");

    // Ctrl-C interrupts running code.
    d.write(b"print('go')\nwhile True:\n    pass\n\x04").unwrap();
    read_until(&d, b"go\r\n", Duration::from_secs(20));
    d.write(b"\x03").unwrap();
    let t = String::from_utf8_lossy(&read_until(&d, b"\x04>", Duration::from_secs(20))).into_owned();
    assert!(t.contains("KeyboardInterrupt"), "{t:?}");

    // A hard reset is a power cycle: a fresh VM, boot.py and main.py run, the friendly REPL.
    raw_exec(&d, "v = 1\nwith open('boot.py', 'w') as f:\n    f.write('print(\"boot ran\")')\nwith open('main.py', 'w') as f:\n    f.write('print(\"main ran\")')");
    d.hard_reset().expect("hard reset");
    let boot = String::from_utf8_lossy(&read_until(&d, b">>> ", Duration::from_secs(20))).into_owned();
    assert!(boot.contains("boot ran\r\nmain ran\r\n"), "{boot:?}");
    enter_raw(&d);
    let (_, err) = raw_exec(&d, "v");
    assert!(err.contains("NameError"), "{err:?}");

    // A file left open is committed when the board is switched off; the image is free again.
    raw_exec(&d, "f = open('left_open.txt', 'w')\nf.write('kept')");
    drop(d);
    assert!(upy_port_sim::board::open_flash(&image).is_ok(), "the image is released at power-off");

    let d = SimDevice::start(64 * 1024, image.clone()).expect("power on again");
    read_until(&d, b">>> ", Duration::from_secs(20));
    enter_raw(&d);
    assert_eq!(raw_exec(&d, "print(open('left_open.txt').read())").0, "kept\r\n");
    drop(d);
    let _ = std::fs::remove_dir_all(&dir);
}
