//! Tokenize arbitrary text: must end in EndMarker or an error, never panic or loop.
#![no_main]
use libfuzzer_sys::fuzz_target;
use upy_compiler::lexer::Lexer;
use upy_compiler::token::Tok;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let mut lx = Lexer::new(src);
    // Every token consumes input or is one of the finitely many INDENT/DEDENT/NEWLINE
    // tokens per line, so a bound proportional to the input length must be enough.
    let limit = 4 * src.len() + 1000;
    for _ in 0..limit {
        match lx.next_token() {
            Ok(t) if t.kind == Tok::EndMarker => return,
            Ok(t) => assert!(t.start <= t.end && t.end as usize <= src.len()),
            Err(e) => {
                assert!(e.line >= 1);
                return;
            }
        }
    }
    panic!("lexer did not reach EndMarker");
});
