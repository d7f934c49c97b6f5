//! Validate (and disassemble) arbitrary code objects: the validator is what makes loading
//! untrusted bytecode safe, so it must reject anything bad without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use upy_bytecode::{CodeFlags, CodeObject, Const, ExcEntry};

struct R<'a>(&'a [u8]);
impl R<'_> {
    fn u8(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else { return 0 };
        self.0 = rest;
        b
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
}

fn code(r: &mut R, depth: u32) -> CodeObject {
    let mut c = CodeObject { name: "f".into(), qualname: "f".into(), ..Default::default() };
    c.flags = CodeFlags(r.u16());
    c.argcount = r.u8() as u16;
    c.posonlyargcount = r.u8() as u16;
    c.kwonlyargcount = r.u8() as u16;
    c.n_locals = r.u8() as u16;
    c.n_free = r.u8() as u16;
    c.max_stack = r.u16();
    let nv = r.u8();
    c.varnames = (0..nv).map(|i| format!("v{i}")).collect();
    let nn = r.u8() % 8;
    c.names = (0..nn).map(|i| format!("n{i}")).collect();
    let nk = r.u8() % 6;
    for _ in 0..nk {
        let k = match r.u8() % 4 {
            0 => Const::None,
            1 => Const::Int(r.u32() as i64),
            2 if depth < 3 => Const::Code(Box::new(code(r, depth + 1))),
            _ => Const::Tuple(vec![Const::Str("s".into())]),
        };
        c.consts.push(k);
    }
    let ne = r.u8() % 4;
    for _ in 0..ne {
        c.exc_table.push(ExcEntry { start: r.u8() as u32, end: r.u8() as u32, handler: r.u8() as u32, depth: r.u8() as u16 });
    }
    let nl = r.u8() % 4;
    for _ in 0..nl {
        c.lines.push((r.u8() as u32, r.u8() as u32));
    }
    let len = r.u8() as usize;
    let take = len.min(r.0.len());
    c.code = r.0[..take].to_vec();
    r.0 = &r.0[take..];
    c
}

fuzz_target!(|data: &[u8]| {
    let c = code(&mut R(data), 0);
    let _ = upy_bytecode::validate::validate(&c);
    let _ = upy_bytecode::dis::disassemble(&c);
});
