//! Board modules that CPython does not have in the same form, checked against CPython's
//! own codecs: `deflate.DeflateIO` output must inflate with `zlib` (RAW, ZLIB, GZIP) and
//! `zlib`-made streams must read back through DeflateIO.

use std::process::{Command, Stdio};

fn sim(code: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_upy-sim")).arg("-c").arg(code).stdin(Stdio::null()).output().expect("upy-sim");
    assert!(out.status.success(), "upy-sim failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn python(code: &str) -> Option<String> {
    let out = Command::new("python3").arg("-c").arg(code).output().ok()?;
    assert!(out.status.success(), "python3 failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

const DATA: &str = "bytes(range(256)) * 3 + b'hello world ' * 40";

#[test]
fn deflate_round_trips_with_zlib() {
    // Board compresses; CPython decompresses.
    let board = sim(&format!(
        "import deflate, io, binascii\ndata = {DATA}\nfor f in (deflate.RAW, deflate.ZLIB, deflate.GZIP):\n    o = io.BytesIO()\n    with deflate.DeflateIO(o, f) as d:\n        d.write(data[:100])\n        d.write(data[100:])\n    print(f, binascii.b2a_base64(o.getvalue(), newline=False).decode())\n"
    ));
    let check = format!(
        "import zlib, binascii, sys\ndata = {DATA}\nwb = {{1: -15, 2: 15, 3: 31}}\nfor line in sys.argv[1].splitlines():\n    f, b = line.split()\n    print(zlib.decompress(binascii.a2b_base64(b), wb[int(f)]) == data)\n"
    );
    let Some(py) = Command::new("python3").arg("-c").arg(&check).arg(&board).output().ok() else {
        eprintln!("python3 not found: skipped");
        return;
    };
    assert_eq!(String::from_utf8_lossy(&py.stdout), "True\nTrue\nTrue\n", "board output: {board}\n{}", String::from_utf8_lossy(&py.stderr));

    // CPython compresses; the board decompresses (explicit formats and AUTO).
    let Some(streams) = python(&format!(
        "import zlib, binascii\ndata = {DATA}\nfor f, wb in ((1, -15), (2, 15), (3, 31)):\n    c = zlib.compressobj(9, zlib.DEFLATED, wb)\n    print(f, binascii.b2a_base64(c.compress(data) + c.flush(), newline=False).decode())\n"
    )) else {
        return;
    };
    let mut code = format!("import deflate, io, binascii\ndata = {DATA}\n");
    for line in streams.lines() {
        let (f, b) = line.split_once(' ').expect("format and data");
        code.push_str(&format!(
            "z = binascii.a2b_base64('{b}')\nprint(deflate.DeflateIO(io.BytesIO(z), {f}).read() == data)\nr = deflate.DeflateIO(io.BytesIO(z), {auto})\nprint(r.read(10) == data[:10], r.read() == data[10:], r.read())\n",
            auto = if f == "1" { "1" } else { "deflate.AUTO" }
        ));
    }
    code.push_str("try:\n    deflate.DeflateIO(io.BytesIO(b'not deflate data'), deflate.ZLIB).read()\nexcept OSError as e:\n    print('OSError', e.errno)\n");
    assert_eq!(sim(&code), "True\nTrue True b''\n".repeat(3) + "OSError 5\n");
}

#[test]
fn select_poll_and_console_buffers() {
    // stdin is /dev/null here: never readable, reads give nothing.
    let out = sim(
        "import select, sys\np = select.poll()\np.register(sys.stdout, select.POLLOUT)\nr = p.poll(0)\nprint(len(r), r[0][0] is sys.stdout, r[0][1])\np.register(sys.stdin, select.POLLIN)\np.unregister(sys.stdout)\nprint(p.poll(10))\nprint(sys.stdout.buffer.write(b'raw bytes\\n'))\nb = bytearray(4)\nprint(sys.stdin.buffer.readinto(b), b)\n",
    );
    assert_eq!(out, "1 True 4\n[]\nraw bytes\n10\n0 bytearray(b'\\x00\\x00\\x00\\x00')\n");
}
