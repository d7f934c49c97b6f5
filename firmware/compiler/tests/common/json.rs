//! JSON form of a code object, read by tools/refvm.py.
#![allow(dead_code)]
use upy_bytecode::{CodeObject, Const};

fn jstr(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn jconst(c: &Const, out: &mut String) {
    match c {
        Const::None => out.push_str("[\"none\"]"),
        Const::True => out.push_str("[\"true\"]"),
        Const::False => out.push_str("[\"false\"]"),
        Const::Ellipsis => out.push_str("[\"ellipsis\"]"),
        Const::Int(i) => out.push_str(&format!("[\"int\",\"{i}\"]")),
        Const::BigInt(s) => out.push_str(&format!("[\"int\",\"{s}\"]")),
        Const::Float(f) => out.push_str(&format!("[\"float\",\"{f:?}\"]")),
        Const::Complex(f) => out.push_str(&format!("[\"complex\",\"{f:?}\"]")),
        Const::Str(s) => {
            out.push_str("[\"str\",");
            jstr(s, out);
            out.push(']');
        }
        Const::Bytes(b) => {
            let v: Vec<String> = b.iter().map(|x| x.to_string()).collect();
            out.push_str(&format!("[\"bytes\",[{}]]", v.join(",")));
        }
        Const::Tuple(items) => {
            out.push_str("[\"tuple\",[");
            for (i, k) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                jconst(k, out);
            }
            out.push_str("]]");
        }
        Const::Code(code) => {
            out.push_str("[\"code\",");
            jcode(code, out);
            out.push(']');
        }
    }
}

fn jlist(v: &[String], out: &mut String) {
    out.push('[');
    for (i, s) in v.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        jstr(s, out);
    }
    out.push(']');
}

pub fn jcode(c: &CodeObject, out: &mut String) {
    out.push_str("{\"name\":");
    jstr(&c.name, out);
    out.push_str(",\"qualname\":");
    jstr(&c.qualname, out);
    out.push_str(&format!(
        ",\"first_line\":{},\"flags\":{},\"argcount\":{},\"posonly\":{},\"kwonly\":{},\"n_locals\":{},\"n_free\":{},\"max_stack\":{}",
        c.first_line, c.flags.0, c.argcount, c.posonlyargcount, c.kwonlyargcount, c.n_locals, c.n_free, c.max_stack
    ));
    out.push_str(",\"varnames\":");
    jlist(&c.varnames, out);
    out.push_str(",\"names\":");
    jlist(&c.names, out);
    out.push_str(",\"consts\":[");
    for (i, k) in c.consts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        jconst(k, out);
    }
    out.push_str("],\"code\":[");
    let v: Vec<String> = c.code.iter().map(|x| x.to_string()).collect();
    out.push_str(&v.join(","));
    out.push_str("],\"exc\":[");
    let v: Vec<String> = c.exc_table.iter().map(|e| format!("[{},{},{},{}]", e.start, e.end, e.handler, e.depth)).collect();
    out.push_str(&v.join(","));
    out.push_str("],\"lines\":[");
    let v: Vec<String> = c.lines.iter().map(|(o, l)| format!("[{o},{l}]")).collect();
    out.push_str(&v.join(","));
    out.push_str("]}");
}

