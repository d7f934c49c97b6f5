//! Syntax and indentation errors: kind, line and message, checked against CPython 3.11
//! (expected values were produced by CPython's `compile()` on the same sources).
mod common;
use common::fail;
use upy_compiler::ErrorKind::{IndentationError, SyntaxError};

/// Messages where upy's wording differs from CPython's on purpose (CPython adds hints).
fn same_msg(ours: &str, cpython: &str) -> bool {
    ours == cpython
        || cpython.starts_with(ours)
        || (cpython.starts_with("Missing parentheses") && ours == "invalid syntax")
}

#[test]
fn errors_match_cpython() {
    let cases: &[(&str, upy_compiler::ErrorKind, u32, &str)] = &[
    ("x = (1,\n2\n", SyntaxError, 1, "'(' was never closed"),
    ("def f(:\n  pass\n", SyntaxError, 1, "invalid syntax"),
    ("if x\n  pass\n", SyntaxError, 1, "expected ':'"),
    ("if x:\npass\n", IndentationError, 2, "expected an indented block after 'if' statement on line 1"),
    ("for x in y:\n    a\n  b\n", IndentationError, 3, "unindent does not match any outer indentation level"),
    ("x = 'abc\n", SyntaxError, 1, "unterminated string literal (detected at line 1)"),
    ("x = '''abc\n\n\n", SyntaxError, 1, "unterminated triple-quoted string literal (detected at line 3)"),
    ("a = 1\nb = 2 +\n", SyntaxError, 2, "invalid syntax"),
    ("return 5\n", SyntaxError, 1, "'return' outside function"),
    ("def f():\n    yield 1\nclass A:\n    yield 2\n", SyntaxError, 4, "'yield' outside function"),
    ("break\n", SyntaxError, 1, "'break' outside loop"),
    ("while x:\n    pass\ncontinue\n", SyntaxError, 3, "'continue' not properly in loop"),
    ("def f():\n    x = 1\n    global x\n", SyntaxError, 3, "name 'x' is assigned to before global declaration"),
    ("def f():\n    nonlocal q\n", SyntaxError, 2, "no binding for nonlocal 'q' found"),
    ("nonlocal q\n", SyntaxError, 1, "nonlocal declaration not allowed at module level"),
    ("f() = 1\n", SyntaxError, 1, "cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    ("1 = x\n", SyntaxError, 1, "cannot assign to literal here. Maybe you meant '==' instead of '='?"),
    ("a, *b, *c = d\n", SyntaxError, 1, "multiple starred expressions in assignment"),
    ("*a = b\n", SyntaxError, 1, "starred assignment target must be in a list or tuple"),
    ("del f()\n", SyntaxError, 1, "cannot delete function call"),
    ("x = 1 +* 2\n", SyntaxError, 1, "invalid syntax"),
    ("  x = 1\n", IndentationError, 1, "unexpected indent"),
    ("def f(a, a):\n    pass\n", SyntaxError, 1, "duplicate argument 'a' in function definition"),
    ("def f(a=1, b):\n    pass\n", SyntaxError, 1, "non-default argument follows default argument"),
    ("f(a=1, 2)\n", SyntaxError, 1, "positional argument follows keyword argument"),
    ("f(**a, *b)\n", SyntaxError, 1, "iterable argument unpacking follows keyword argument unpacking"),
    ("f(x for x in y, 1)\n", SyntaxError, 1, "Generator expression must be parenthesized"),
    ("x = 012\n", SyntaxError, 1, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
    ("x = 1abc\n", SyntaxError, 1, "invalid decimal literal"),
    ("x = $\n", SyntaxError, 1, "invalid syntax"),
    ("x = )\n", SyntaxError, 1, "unmatched ')'"),
    ("x = [1, 2)\n", SyntaxError, 1, "closing parenthesis ')' does not match opening parenthesis '['"),
    ("def f():\n    await x\n", SyntaxError, 2, "'await' outside async function"),
    ("import *\n", SyntaxError, 1, "invalid syntax"),
    ("def f():\n    from m import *\n", SyntaxError, 2, "import * only allowed at module level"),
    ("x += y += 1\n", SyntaxError, 1, "invalid syntax"),
    ("(a, b) += 1\n", SyntaxError, 1, "'tuple' is an illegal expression for augmented assignment"),
    ("try:\n    pass\n", SyntaxError, 2, "expected 'except' or 'finally' block"),
    ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", SyntaxError, 3, "default 'except:' must be last"),
    ("lambda x: (yield)\nclass C:\n    [(y := 1) for i in x]\n", SyntaxError, 3, "assignment expression within a comprehension cannot be used in a class body"),
    ("[i := 0 for i in x]\n", SyntaxError, 1, "assignment expression cannot rebind comprehension iteration variable 'i'"),
    ("[(i := 0) for i in x]\n", SyntaxError, 1, "assignment expression cannot rebind comprehension iteration variable 'i'"),
    ("f'{}'\n", SyntaxError, 1, "f-string: empty expression not allowed"),
    ("f'{x!z}'\n", SyntaxError, 1, "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
    ("f'{x'\n", SyntaxError, 1, "f-string: expecting '}'"),
    ("b'\\xe9' 'x'\n", SyntaxError, 1, "cannot mix bytes and nonbytes literals"),
    ("if x:\n\tif y:\n        pass\n", IndentationError, 3, "inconsistent use of tabs and spaces in indentation"),
    ("def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n", SyntaxError, 4, "name 'x' is nonlocal and global"),
    ("class A:\n    def f(self):\n        nonlocal self\n", SyntaxError, 3, "name 'self' is parameter and nonlocal"),
    ("a b\n", SyntaxError, 1, "invalid syntax"),
    ("print 'x'\n", SyntaxError, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?"),
    ("x = [1, 2\ny = 3\n", SyntaxError, 1, "'[' was never closed"),
    ("x = }\n", SyntaxError, 1, "unmatched '}'"),
    ("def f(*):\n    pass\n", SyntaxError, 1, "named arguments must follow bare *"),
    ("with a as f():\n    pass\n", SyntaxError, 1, "cannot assign to function call"),
    ("for f() in x:\n    pass\n", SyntaxError, 1, "cannot assign to function call"),
    ("a.b: int, c\n", SyntaxError, 1, "invalid syntax"),
    ("def f():\n    x: int\n    global x\n", SyntaxError, 3, "annotated name 'x' can't be global"),
    ("else:\n    pass\n", SyntaxError, 1, "invalid syntax"),
    ("x = 5 if 3\n", SyntaxError, 1, "expected 'else' after 'if' expression"),
    ("@\ndef f(): pass\n", SyntaxError, 1, "invalid syntax"),
    ("async def f():\n    yield 1\n    return 2\n", SyntaxError, 3, "'return' with value in async generator"),
    ("def f():\n    yield from x\nasync def g():\n    yield from x\n", SyntaxError, 4, "'yield from' inside async function"),
    ("x = \\ 1\n", SyntaxError, 1, "unexpected character after line continuation character"),
    ("\n\n\n   \n  x\n", IndentationError, 5, "unexpected indent"),
    ("if True:\n    x = 1\n   y = 2\n", IndentationError, 3, "unindent does not match any outer indentation level"),
    ("def f(a, /, b, /):\n    pass\n", SyntaxError, 1, "/ may appear only once"),
    ("x = {1: 2, 3}\n", SyntaxError, 1, "':' expected after dictionary key"),
        ("def f():\n    return [x async for x in y]\n", SyntaxError, 2, "asynchronous comprehension outside of an asynchronous function"),
        ("async def f():\n    return lambda: [await x for x in y]\n", SyntaxError, 2, "asynchronous comprehension outside of an asynchronous function"),
    ];
    let mut bad = Vec::new();
    for &(src, kind, line, msg) in cases {
        let e = fail(src);
        if e.kind != kind || e.line != line || !same_msg(&e.msg, msg) {
            bad.push(format!("{src:?}: got {:?} line {} {:?}, want {:?} line {} {:?}", e.kind, e.line, e.msg, kind, line, msg));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn error_columns() {
    let e = fail("x = 1 +* 2\n");
    assert_eq!((e.line, e.col), (1, 8));
    let e = fail("x = (1,\n2\n");
    assert_eq!((e.line, e.col), (1, 5));
    let e = fail("def f():\n    return 1\n  x\n");
    assert_eq!(e.kind, IndentationError);
    assert_eq!(e.line, 3);
}

#[test]
fn limits_are_errors_not_crashes() {
    // Deep nesting.
    let deep = format!("x = {}1{}\n", "(".repeat(500), ")".repeat(500));
    assert_eq!(fail(&deep).kind, SyntaxError);
    let deep = format!("x = {}1\n", "-".repeat(5000));
    assert_eq!(fail(&deep).kind, SyntaxError);
    let deep = format!("x = {}\n", vec!["a"; 5000].join(" + "));
    assert_eq!(fail(&deep).kind, SyntaxError);
    let deep = format!("x = {}1{}\n", "[".repeat(150), "]".repeat(150));
    common::ok(&deep);
    let lambdas = format!("f = {}0\n", "lambda: ".repeat(1000));
    assert_eq!(fail(&lambdas).kind, SyntaxError);
    let mut nested = String::new();
    for i in 0..120 {
        nested.push_str(&" ".repeat(i));
        nested.push_str("if x:\n");
    }
    nested.push_str(&" ".repeat(120));
    nested.push_str("pass\n");
    assert_eq!(fail(&nested).kind, IndentationError);
    // More than 65535 constants in one code object.
    let mut many = String::new();
    for i in 0..70000 {
        many.push_str(&format!("x = {}.5\n", i));
    }
    let e = fail(&many);
    assert_eq!(e.kind, SyntaxError);
    assert!(e.msg.contains("too many"), "{}", e.msg);
    // Long elif chains and many items are fine.
    let mut elifs = String::from("if x == 0:\n    pass\n");
    for i in 1..2000 {
        elifs.push_str(&format!("elif x == {i}:\n    y = {i}\n"));
    }
    common::ok(&elifs);
    let items = format!("x = [{}]\ny = f({})\nz = {{{}}}\n", vec!["a"; 3000].join(", "), vec!["a"; 300].join(", "),
        (0..300).map(|i| format!("{i}: a")).collect::<Vec<_>>().join(", "));
    common::ok(&items);
}

/// The module is compiled in parts (runs of top-level statements, a few hundred nodes
/// each) whose trees are dropped as they are done; the error reported must still be the one
/// of whole-module passes, as in CPython: any syntax error first, then the symbol table's
/// first pass (definitions), then its second (scope resolution), then code generation.
#[test]
fn errors_across_module_parts() {
    // 400 top-level statements: several parts.
    let filler: String = (0..400).map(|i| format!("v{i} = f(v{i}, {i})\n")).collect();
    let n = filler.lines().count() as u32;
    let cases: &[(&str, &str, u32, &str)] = &[
        // A code-generation error before a syntax error.
        ("break\n", "x = (\n", n + 2, "'(' was never closed"),
        // A code-generation error before a scope (second pass) error.
        ("break\n", "nonlocal q\n", n + 2, "nonlocal declaration not allowed at module level"),
        // A scope-resolution error before a definition (first pass) error.
        ("def f():\n    nonlocal q\n", "def g(a, a):\n    pass\n", n + 3, "duplicate argument 'a' in function definition"),
        // The first of two code-generation errors.
        ("x = 1\n", "continue\nbreak\n", n + 2, "'continue' not properly in loop"),
        // Module-level definitions of earlier parts are seen by later ones.
        ("x = 1\n", "global x\n", n + 2, "name 'x' is assigned to before global declaration"),
    ];
    for (head, tail, line, msg) in cases {
        let src = format!("{head}{filler}{tail}");
        let e = upy_compiler::compile(&src, "<t>", upy_compiler::Mode::Exec).expect_err(msg);
        assert_eq!((e.line, e.msg.as_str()), (*line, *msg), "{head:?} ... {tail:?}");
    }
}

/// `NAME = const(value)` is seen by every later part of the module.
#[test]
fn micropython_const_across_module_parts() {
    let filler: String = (0..400).map(|i| format!("v{i} = f(v{i}, {i})\n")).collect();
    let src = format!("from micropython import const\n_N = const(7)\n{filler}y = _N\n");
    let code = upy_compiler::compile(&src, "<t>", upy_compiler::Mode::Exec).unwrap();
    assert!(!code.names.iter().any(|n| n == "_N"), "_N was stored or loaded by name: {:?}", code.names);
}
