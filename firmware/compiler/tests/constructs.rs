//! Every construct the compiler supports compiles, and its code passes the validator.
mod common;
use common::{ok, ok_mode};
use upy_compiler::Mode;

const SNIPPETS: &[&str] = &[
    // control flow
    "if a:\n    b\nelif c:\n    d\nelse:\n    e\n",
    "while x:\n    if y: break\n    if z: continue\nelse:\n    w()\n",
    "for i in range(10):\n    if i: continue\n    break\nelse:\n    pass\n",
    "while True:\n    x += 1\n    if x > 3: break\n",
    "for a, (b, *c) in d:\n    print(a, b, c)\n",
    "for x in y:\n    try:\n        continue\n    finally:\n        print(1)\n",
    "for x in y:\n    try:\n        break\n    finally:\n        print(1)\n",
    "def f():\n    for x in y:\n        try:\n            return x\n        finally:\n            print(1)\n",
    "def f():\n    for x in y:\n        with a as b:\n            return b\n",
    "def f():\n    with a:\n        for x in y:\n            if x: break\n            if not x: continue\n            return 5\n",
    "def f():\n    try:\n        return 1\n    finally:\n        return 2\n",
    "def f():\n    try:\n        pass\n    except E as e:\n        return e\n",
    "def f():\n    while 1:\n        try:\n            pass\n        except E as e:\n            break\n        except:\n            continue\n",
    "def f():\n    try:\n        x()\n    finally:\n        for i in y:\n            try:\n                return i\n            finally:\n                continue\n",
    "def f():\n    try:\n        a()\n    except E:\n        try:\n            b()\n        finally:\n            return 3\n",
    // functions
    "def f(a, b=1, *args, c, d=2, **kw):\n    return a, b, args, c, d, kw\n",
    "def f(a, /, b, *, c):\n    pass\n",
    "def f(a, b=1, /, c=2):\n    pass\n",
    "lambda: 0\nlambda x, *y, z=1, **w: x\n",
    "def f(x=[], *, y={}):\n    return x\n",
    "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\n",
    "x = 0\ndef f():\n    global x\n    x = 1\n    del x\n",
    "def f():\n    x = 1\n    del x\n    return lambda: x\n",
    "def f(a):\n    def g():\n        return a\n    return g\n",
    "@dec\n@dec2(1)\ndef f():\n    pass\n",
    "def f():\n    def g():\n        def h():\n            return x\n        return h\n    x = 1\n    return g\n",
    "def f(x):\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C\n",
    "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n    return C\n",
    "class C:\n    x = 1\n    def f(self):\n        return x\n",
    "def f():\n    y = 1\n    class C:\n        print(y)\n        y = 2\n    return C\n",
    // classes
    "class A:\n    pass\n",
    "class A(B, C, metaclass=M, x=1):\n    'doc'\n    y = 2\n",
    "class A(*bases, **kw):\n    pass\n",
    "class A:\n    def f(self):\n        super().f()\n        return __class__\n",
    "class A:\n    def f(self):\n        return lambda: super().f()\n",
    "@dec\nclass A:\n    global g\n    g = 1\n",
    "class A:\n    class B:\n        def f(self): pass\n",
    // generators and async
    "def g():\n    yield 1\n    x = yield\n    yield from h()\n    return 5\n",
    "(x for x in y if x)\n",
    "def f():\n    return (yield)\n",
    "lambda: (yield)\n",
    "async def f():\n    await g()\n    async for x in y:\n        print(x)\n    else:\n        pass\n    async with a as b, c:\n        return b\n",
    "async def f():\n    async for x in y:\n        if x: break\n        continue\n",
    "async def f():\n    async with a:\n        yield 1\n",
    "async def f():\n    async with a:\n        return 1\n",
    // comprehensions
    "[x for x in y]\n{x for x in y}\n{k: v for k, v in y}\n",
    "[x + y for x in a if x for y in b if y if x > y]\n",
    "def f():\n    return [(x, y) for x in range(3) for y in range(x)]\n",
    "def f(n):\n    return [x * n for x in range(n)]\n",
    "class A:\n    xs = [1, 2]\n    ys = [x for x in xs]\n",
    "[(y := x) for x in range(3)]\nprint(y)\n",
    "def f():\n    [(y := x) for x in range(3)]\n    return y\n",
    "def f():\n    return [[i for i in range(j)] for j in range(3)]\n",
    // exceptions
    "try:\n    a()\nexcept (A, B) as e:\n    print(e)\nexcept C:\n    pass\nexcept:\n    raise\nelse:\n    b()\nfinally:\n    c()\n",
    "try:\n    pass\nfinally:\n    pass\n",
    "raise\nraise E\nraise E from None\nraise E('x') from e\n",
    "assert x\nassert x, 'msg'\n",
    "with a:\n    pass\nwith a as (b, c), d as e.f:\n    pass\nwith (a as b, c as d,):\n    pass\nwith (a, b):\n    pass\n",
    "with (yield_ as x):\n    pass\n",
    // del, assignment forms
    "del a, b.c, d[1], e[1:2], (f, g), [h]\n",
    "a = b = c = 1\na, b = b, a\na, b, c = c, b, a\na, *b = c\n*a, b = c\na, *b, c = d\n[a, [b, *c]] = d\n",
    "a.b = 1\na[1] = 2\na[1:2] = 3\na[::2] = 4\na[1:2, 3] = 5\n",
    "x += 1\nx.y -= 2\nx[i] *= 3\nx[1:2] |= 4\nx @= y\nx **= 2\nx //= 3\nx >>= 1\n",
    "x: int\ny: int = 5\nz.a: int\nw[0]: int = 3\n(v): int = 1\n",
    "def f():\n    x: int\n    y: list = []\n",
    // expressions
    "a < b < c\na == b\na is not b\na not in b\nnot a\n-a\n+a\n~a\n",
    "if a < b < c: pass\nif not (a and b or c): pass\nwhile a if b else c: pass\n",
    "x = a and b or c and not d\n",
    "x = 1 if a else 2\n",
    "f(*a, b, *c, k=1, **d)\nf(**a, **b)\nf(a, *b)\nf(k=1, **d, j=2)\no.m(*a)\no.m(1, k=2)\nf(x for x in y)\n",
    "x = [*a, 1]\ny = {**a, 'k': 1}\nz = {*a}\nw = (*a, *b)\nv = [1, 2, 3]\nu = (1, 2, (3, 4))\n",
    "x = {}\ny = {1: 2, 3: 4}\nz = set()\n",
    "x = a[1:2]\ny = a[::2]\nz = a[1:2, 3]\nw = a[:]\nv = a[...]\n",
    "x = f'{a}{b!r:>{w}} {c=} {{}} {d!s} {e!a:x}'\n",
    "x = 'a' 'b' f'{c}' 'd'\ny = b'x' b'y'\nz = r'\\n' + R'\\t'\n",
    "x = 0x10 + 0o7 + 0b1 + 1_000 + 1.5 + 1e10 + 2j + 123456789012345678901234567890\n",
    "x = ...\ny = None\nz = True\nw = -1\nv = -9223372036854775808\nu = -(1)\n",
    "print('\\x41\\u00e9\\U0001F600\\101')\n",
    "x = (y := 10)\nif (n := len(a)) > 10: pass\n",
    "f(a)(b)[c].d(e)\n",
    "x = [i for i in range(100)][::-1]\n",
    "x = lambda a, b=2: (lambda: a + b)\n",
    // imports
    "import a\nimport a.b.c\nimport a.b as c\nimport a.b.c as d\nfrom x import y\nfrom x import y as z, w\nfrom . import m\nfrom ..p import q\nfrom m import *\nfrom .a.b import (c, d,)\n",
    "def f():\n    import os.path\n    from x import y\n    return os, y\n",
    // misc
    "if __name__ == '__main__':\n    main()\n",
    "x = 1; y = 2; z = 3;\n",
    "x = 1 + \\\n    2\n",
    "if x:\n\tpass\n",
    "pass\n",
    "",
    "# just a comment\n",
    "'docstring'\n",
    "global x\nx = 1\n",
    "def f():\n    '''doc'''\n    return 1\n",
    "async def f():\n    return [x async for x in y] if False else 1\n",
    "async def f():\n    return [await g(x) for x in y], {k: v async for k, v in z if await t(k)}, (x async for x in y)\n",
    "async def f():\n    return [[x async for x in a] for y in b]\n",
];

#[test]
fn all_constructs_compile_and_validate() {
    for s in SNIPPETS {
        ok(s);
    }
}

#[test]
fn modes() {
    let c = ok_mode("1 + 2\n", Mode::Eval);
    assert!(c.flags.has(upy_bytecode::CodeFlags::MODULE));
    let c = ok_mode("x = 1\nx\nfor i in y:\n    i\n", Mode::Single);
    assert!(c.flags.has(upy_bytecode::CodeFlags::INTERACTIVE));
    assert_eq!(c.code.iter().filter(|&&b| b == upy_bytecode::Op::PrintExpr as u8).count(), 2);
    ok_mode("  a + b  \n", Mode::Eval);
}

#[test]
fn flags() {
    use upy_bytecode::{CodeFlags, Const};
    let c = ok("def g():\n    yield\nasync def h():\n    pass\nclass C: pass\n");
    let codes: Vec<_> = c.consts.iter().filter_map(|k| if let Const::Code(c) = k { Some(c) } else { None }).collect();
    assert!(codes[0].flags.has(CodeFlags::GENERATOR) && codes[0].flags.has(CodeFlags::FUNCTION));
    assert!(codes[1].flags.has(CodeFlags::COROUTINE));
    assert!(codes[2].flags.has(CodeFlags::CLASS_BODY));
}
