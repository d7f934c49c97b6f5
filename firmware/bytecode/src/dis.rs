//! Disassembler: readable text for a code object and its nested code objects, used by
//! tests (golden files) and by `upy dis`.
//!
//! Format, one block per code object (nested ones follow their parent, in constant order):
//!
//! ```text
//! code <qualname> line <first_line> flags <FLAGS>
//!   args <argcount> posonly <n> kwonly <n> locals <n_locals> free <n_free> stack <max_stack>
//!   varnames a, b
//!   <line> <offset> <Op> <operand> (<meaning>)
//!   exceptions
//!     <start>..<end> -> <handler> depth <depth>
//! ```
//! The line column is shown only where the line changes. The `args`/`varnames` lines are
//! omitted when empty.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::code::{CodeFlags, CodeObject, Const};
use crate::op::{BinOp, CmpOp, Op, Operand, UnOp};
use crate::validate::decode_at;

/// Python-like repr of a constant.
pub fn const_repr(c: &Const) -> String {
    const_repr_depth(c, 0)
}

fn const_repr_depth(c: &Const, depth: u32) -> String {
    match c {
        Const::None => String::from("None"),
        Const::True => String::from("True"),
        Const::False => String::from("False"),
        Const::Ellipsis => String::from("Ellipsis"),
        Const::Int(i) => format!("{i}"),
        Const::BigInt(s) => s.clone(),
        Const::Float(f) => float_repr(*f),
        Const::Complex(f) => format!("{}j", float_repr(*f).trim_end_matches(".0")),
        Const::Str(s) => str_repr(s),
        Const::Bytes(b) => bytes_repr(b),
        Const::Tuple(_) if depth > 32 => String::from("(...)"),
        Const::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|k| const_repr_depth(k, depth + 1)).collect();
            if parts.len() == 1 { format!("({},)", parts[0]) } else { format!("({})", parts.join(", ")) }
        }
        Const::Code(code) => format!("<code {}>", code.qualname),
    }
}

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return String::from("nan");
    }
    if f.is_infinite() {
        return String::from(if f > 0.0 { "inf" } else { "-inf" });
    }
    let s = format!("{f:?}");
    s
}

/// Python repr of a str.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(q as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{:02x}", c);
            }
        }
    }
    out.push(q as char);
    out
}

fn flag_names(f: CodeFlags) -> String {
    let names = [
        (CodeFlags::GENERATOR, "GENERATOR"),
        (CodeFlags::COROUTINE, "COROUTINE"),
        (CodeFlags::VARARGS, "VARARGS"),
        (CodeFlags::VARKEYWORDS, "VARKEYWORDS"),
        (CodeFlags::MODULE, "MODULE"),
        (CodeFlags::CLASS_BODY, "CLASS_BODY"),
        (CodeFlags::FUNCTION, "FUNCTION"),
        (CodeFlags::INTERACTIVE, "INTERACTIVE"),
    ];
    let v: Vec<&str> = names.iter().filter(|(b, _)| f.has(*b)).map(|(_, n)| *n).collect();
    if v.is_empty() { String::from("0") } else { v.join("|") }
}

fn cmp_symbol(c: CmpOp) -> &'static str {
    match c {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
    }
}

/// Superinstructions: their second half may have its own line (op.rs).
fn is_fused(op: Op) -> bool {
    matches!(
        op,
        Op::LoadFastLoadFast
            | Op::StoreFastLoadFast
            | Op::BinaryOpSmallInt
            | Op::BinarySubscrSmallInt
            | Op::LoadFastBinaryOp
            | Op::LoadFastLoadAttr
            | Op::LoadFastLoadMethod
            | Op::LoadFastStoreAttr
    )
}

/// The meaning of an operand, for the comment after it (empty if none).
fn operand_note(c: &CodeObject, op: Op, arg: u32) -> String {
    let a = arg as usize;
    let name = |v: &Vec<String>| v.get(a).cloned().unwrap_or_else(|| String::from("?"));
    match op {
        Op::LoadConst => c.consts.get(a).map(const_repr).unwrap_or_else(|| String::from("?")),
        Op::LoadFast
        | Op::StoreFast
        | Op::DeleteFast
        | Op::LoadDeref
        | Op::StoreDeref
        | Op::DeleteDeref
        | Op::LoadClosure
        | Op::MakeCell
        | Op::LoadClassDeref => name(&c.varnames),
        Op::LoadGlobal
        | Op::StoreGlobal
        | Op::DeleteGlobal
        | Op::LoadName
        | Op::StoreName
        | Op::DeleteName
        | Op::LoadAttr
        | Op::StoreAttr
        | Op::DeleteAttr
        | Op::LoadMethod
        | Op::ImportName
        | Op::ImportFrom => name(&c.names),
        Op::UnaryOp => match UnOp::from_u8(arg as u8) {
            Some(UnOp::Neg) => String::from("-"),
            Some(UnOp::Pos) => String::from("+"),
            Some(UnOp::Invert) => String::from("~"),
            Some(UnOp::Not) => String::from("not"),
            None => String::from("?"),
        },
        Op::BinaryOp => match BinOp::from_u8(arg as u8) {
            Some((b, true)) => format!("{}=", b.symbol()),
            Some((b, false)) => String::from(b.symbol()),
            None => String::from("?"),
        },
        Op::CompareOp => CmpOp::from_u8(arg as u8).map(cmp_symbol).unwrap_or("?").into(),
        Op::BinaryOpSmallInt => match BinOp::from_u8(arg as u8) {
            Some((b, inplace)) => format!("{}{} {}", b.symbol(), if inplace { "=" } else { "" }, (arg >> 8) as u8 as i8),
            None => String::from("?"),
        },
        Op::BinarySubscrSmallInt => format!("[{}]", arg as u16 as i16),
        Op::LoadFastBinaryOp => {
            let n = c.varnames.get(a & 0xff).map(String::as_str).unwrap_or("?");
            match BinOp::from_u8((arg >> 8) as u8) {
                Some((b, inplace)) => format!("{}{} {}", b.symbol(), if inplace { "=" } else { "" }, n),
                None => String::from("?"),
            }
        }
        Op::FormatValue => {
            let mut parts = Vec::new();
            match arg & 3 {
                1 => parts.push("!s"),
                2 => parts.push("!r"),
                3 => parts.push("!a"),
                _ => {}
            }
            if arg & 4 != 0 {
                parts.push("spec");
            }
            parts.join(", ")
        }
        Op::MakeFunction => {
            let mut parts = Vec::new();
            if arg & 1 != 0 {
                parts.push("defaults");
            }
            if arg & 2 != 0 {
                parts.push("kwdefaults");
            }
            if arg & 4 != 0 {
                parts.push("closure");
            }
            parts.join(", ")
        }
        Op::UnpackEx => format!("{}, {}", arg & 0xff, arg >> 8),
        Op::LoadFastLoadFast | Op::StoreFastLoadFast => {
            let n = |i: usize| c.varnames.get(i).map(String::as_str).unwrap_or("?");
            format!("{}, {}", n(a & 0xff), n(a >> 8))
        }
        Op::LoadFastLoadAttr | Op::LoadFastLoadMethod | Op::LoadFastStoreAttr => {
            let v = c.varnames.get(a & 0xff).map(String::as_str).unwrap_or("?");
            let n = c.names.get(a >> 8).map(String::as_str).unwrap_or("?");
            format!("{v}.{n}")
        }
        Op::CallEx if arg & 1 != 0 => String::from("kwargs"),
        _ => String::new(),
    }
}

/// Disassemble one code object (not its nested ones).
pub fn disassemble_one(c: &CodeObject) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "code {} line {} flags {}", c.qualname, c.first_line, flag_names(c.flags));
    let _ = writeln!(
        out,
        "  args {} posonly {} kwonly {} locals {} free {} stack {}",
        c.argcount, c.posonlyargcount, c.kwonlyargcount, c.n_locals, c.n_free, c.max_stack
    );
    if !c.varnames.is_empty() {
        let _ = writeln!(out, "  varnames {}", c.varnames.join(", "));
    }
    let mut off = 0usize;
    let mut last_line = 0u32;
    while off < c.code.len() {
        let line = c.line_for(off as u32);
        let line_col = if line != last_line {
            last_line = line;
            format!("{line}")
        } else {
            String::new()
        };
        let Some(ins) = decode_at(&c.code, off) else {
            let _ = writeln!(out, "  {:>4} {:>5} <invalid byte {}>", line_col, off, c.code[off]);
            off += 1;
            continue;
        };
        let mut text = String::from(ins.op.name());
        match ins.op.operand() {
            Operand::None => {}
            Operand::Jump => {
                let _ = write!(text, " -> {}", ins.arg);
            }
            _ => {
                let mut note = operand_note(c, ins.op, ins.arg);
                if matches!(ins.op, Op::LoadSmallInt | Op::BinarySubscrSmallInt) {
                    let _ = write!(text, " {}", ins.arg as u16 as i16);
                } else if matches!(
                    ins.op,
                    Op::LoadFastLoadFast
                        | Op::StoreFastLoadFast
                        | Op::LoadFastBinaryOp
                        | Op::LoadFastLoadAttr
                        | Op::LoadFastLoadMethod
                        | Op::LoadFastStoreAttr
                ) {
                    let _ = write!(text, " {} {}", ins.arg & 0xff, ins.arg >> 8);
                } else {
                    let _ = write!(text, " {}", ins.arg);
                }
                if is_fused(ins.op) {
                    // The second half's line, when the line table gives it its own (op.rs).
                    let l2 = c.line_for(off as u32 + 1);
                    if l2 != line {
                        let _ = write!(note, "; line {l2}");
                        last_line = l2;
                    }
                }
                if !note.is_empty() {
                    let _ = write!(text, " ({note})");
                }
            }
        }
        let _ = writeln!(out, "  {:>4} {:>5} {}", line_col, off, text);
        off += ins.op.size();
    }
    if !c.exc_table.is_empty() {
        let _ = writeln!(out, "  exceptions");
        for e in &c.exc_table {
            let _ = writeln!(out, "    {}..{} -> {} depth {}", e.start, e.end, e.handler, e.depth);
        }
    }
    out
}

/// Disassemble a code object followed by every nested code object (depth first, in
/// constant order), separated by blank lines.
pub fn disassemble(c: &CodeObject) -> String {
    let mut out = String::new();
    let mut work: Vec<&CodeObject> = vec![c];
    while let Some(code) = work.pop() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&disassemble_one(code));
        let nested: Vec<&CodeObject> = code
            .consts
            .iter()
            .filter_map(|k| if let Const::Code(inner) = k { Some(&**inner) } else { None })
            .collect();
        work.extend(nested.into_iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn reprs() {
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
        assert_eq!(const_repr(&Const::Tuple(alloc::vec![Const::Int(1)])), "(1,)");
        assert_eq!(const_repr(&Const::Bytes(alloc::vec![0, b'a'])), "b'\\x00a'");
        assert_eq!(const_repr(&Const::Float(1.5)), "1.5");
        assert_eq!(const_repr(&Const::Complex(2.0)), "2j");
    }

    #[test]
    fn listing() {
        let c = CodeObject {
            name: "<module>".to_string(),
            qualname: "<module>".to_string(),
            first_line: 1,
            flags: CodeFlags(CodeFlags::MODULE),
            max_stack: 1,
            code: alloc::vec![Op::LoadSmallInt as u8, 0xff, 0xff, Op::ReturnValue as u8],
            lines: alloc::vec![(0, 1)],
            ..Default::default()
        };
        assert_eq!(
            disassemble(&c),
            "code <module> line 1 flags MODULE\n  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 1\n     1     0 LoadSmallInt -1\n           3 ReturnValue\n"
        );
    }
}
