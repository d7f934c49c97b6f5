//! Stock MicroPython never sees a upy frame: against the micro:bit firmware under QEMU (MicroPython 1.9.2,
//! older than raw-paste), `upy` asks for frames once (`\x05U\x01`, answered with the raw banner), falls
//! back to Python programs, and the transfer is right.

mod common;

use common::{Microbit, TempDir, noise, upy_cmd};

#[test]
fn stock_firmware_gets_python_programs_not_frames() {
    let board = Microbit::start();
    let dir = TempDir::new("noframes");
    let d = dir.path();
    let data = noise(1500, 11);
    let f = dir.write("blob.bin", &data);
    let out = upy_cmd(d)
        .args([
            "-d",
            &board.port,
            "--json",
            "cp",
            f.to_str().unwrap(),
            ":blob.bin",
        ])
        .env("UPY_WIRE_STATS", "1")
        .output()
        .expect("run upy");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let doc: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    assert_eq!(doc["transport"], "raw-repl", "{doc}");
    // The only bytes sent "in frame mode" are the 3 of the refused request; no payload moved as frames.
    let line = stderr
        .lines()
        .find(|l| l.contains("upy: wire:"))
        .expect("wire stats line");
    assert!(
        line.contains("transport=raw-repl") && line.contains("tx=3 ") && line.contains("payload=0"),
        "{line}"
    );
    // And the file is right (read back through the same fallback path).
    let back = dir.path().join("back.bin");
    let out = upy_cmd(d)
        .args(["-d", &board.port, "cp", ":blob.bin", back.to_str().unwrap()])
        .output()
        .expect("run upy");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&back).unwrap(), data);
}
