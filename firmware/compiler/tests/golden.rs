//! Golden disassembly of representative snippets. Each expected listing was checked line
//! by line against the semantics documented in upy-bytecode's op.rs (stack effects, jump
//! targets, exception-table depths), not just pasted from the compiler.
mod common;

fn check(src: &str, want: &str) {
    let got = common::dis(src);
    if got != want {
        panic!("disassembly differs for:\n{src}\n--- got ---\n{got}\n--- want ---\n{want}");
    }
}

#[test]
fn assign_arith() {
    check(
        r#"x = 1
y = x * 2 + 300000
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 2
     1     0 LoadSmallInt 1
           3 StoreName 0 (x)
     2     6 LoadName 0 (x)
           9 BinaryOpSmallInt 514 (* 2)
          12 LoadConst 0 (300000)
          15 BinaryOp 0 (+)
          17 StoreName 1 (y)
          20 ReturnNone
"#,
    );
}

#[test]
fn function_locals() {
    check(
        r#"def f(a, b=1):
    c = a + b
    return c
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 2
     1     0 LoadConst 0 ((1,))
           3 LoadConst 1 (<code f>)
           6 MakeFunction 1 (defaults)
           8 StoreName 0 (f)
          11 ReturnNone

code f line 1 flags FUNCTION
  args 2 posonly 0 kwonly 0 locals 3 free 0 stack 2
  varnames a, b, c
     2     0 LoadFastLoadFast 0 1 (a, b)
           3 BinaryOp 0 (+)
           5 StoreFastLoadFast 2 2 (c, c; line 3)
           8 ReturnValue
"#,
    );
}

#[test]
fn closure() {
    check(
        r#"def outer(x):
    def inner(y):
        return x + y
    return inner
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 1
     1     0 LoadConst 0 (<code outer>)
           3 MakeFunction 0
           5 StoreName 0 (outer)
           8 ReturnNone

code outer line 1 flags FUNCTION
  args 1 posonly 0 kwonly 0 locals 2 free 0 stack 2
  varnames x, inner
     1     0 MakeCell 0 (x)
     2     3 LoadClosure 0 (x)
           6 BuildTuple 1
           9 LoadConst 0 (<code outer.<locals>.inner>)
          12 MakeFunction 4 (closure)
          14 StoreFastLoadFast 1 1 (inner, inner; line 4)
          17 ReturnValue

code outer.<locals>.inner line 2 flags FUNCTION
  args 1 posonly 0 kwonly 0 locals 2 free 1 stack 1
  varnames y, x
     3     0 LoadDeref 1 (x)
           3 LoadFastBinaryOp 0 0 (+ y)
           6 ReturnValue
"#,
    );
}

#[test]
fn if_elif_else() {
    check(
        r#"if a < 1:
    b()
elif a == 2:
    c()
else:
    d()
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 2
     1     0 LoadName 0 (a)
           3 LoadSmallInt 1
           6 CompareOp 0 (<)
           8 PopJumpIfFalse -> 25
     2    13 LoadName 1 (b)
          16 Call 0
          19 Pop
          20 Jump -> 57
     3    25 LoadName 0 (a)
          28 LoadSmallInt 2
          31 CompareOp 2 (==)
          33 PopJumpIfFalse -> 50
     4    38 LoadName 2 (c)
          41 Call 0
          44 Pop
          45 Jump -> 57
     6    50 LoadName 3 (d)
          53 Call 0
          56 Pop
          57 ReturnNone
"#,
    );
}

#[test]
fn while_break_continue() {
    check(
        r#"while n > 0:
    n -= 1
    if n == 5:
        continue
    if n == 2:
        break
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 2
     1     0 LoadName 0 (n)
           3 LoadSmallInt 0
           6 CompareOp 4 (>)
           8 PopJumpIfFalse -> 66
     2    13 LoadName 0 (n)
          16 BinaryOpSmallInt 273 (-= 1)
          19 StoreName 0 (n)
     3    22 LoadName 0 (n)
          25 LoadSmallInt 5
          28 CompareOp 2 (==)
          30 PopJumpIfFalse -> 40
     4    35 Jump -> 0
     5    40 LoadName 0 (n)
          43 LoadSmallInt 2
          46 CompareOp 2 (==)
          48 PopJumpIfTrue -> 66
     1    53 LoadName 0 (n)
          56 LoadSmallInt 0
          59 CompareOp 4 (>)
          61 PopJumpIfTrue -> 13
          66 ReturnNone
"#,
    );
}

#[test]
fn for_else() {
    check(
        r#"for x in xs:
    print(x)
else:
    done()
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 3
     1     0 LoadName 0 (xs)
           3 GetIter
           4 ForIter -> 27
           9 StoreName 1 (x)
     2    12 LoadName 2 (print)
          15 LoadName 1 (x)
          18 Call 1
          21 Pop
     1    22 Jump -> 4
     4    27 LoadName 3 (done)
          30 Call 0
          33 Pop
          34 ReturnNone
"#,
    );
}

#[test]
fn chained_compare() {
    check(
        r#"ok = a < b < c
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 3
     1     0 LoadName 0 (a)
           3 LoadName 1 (b)
           6 Swap 2
           8 Copy 2
          10 CompareOp 0 (<)
          12 JumpIfFalseOrPop -> 27
          17 LoadName 2 (c)
          20 CompareOp 0 (<)
          22 Jump -> 30
          27 Swap 2
          29 Pop
          30 StoreName 3 (ok)
          33 ReturnNone
"#,
    );
}

#[test]
fn try_except_as() {
    check(
        r#"try:
    f()
except E as e:
    g(e)
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 3
     2     0 LoadName 0 (f)
           3 Call 0
           6 Pop
           7 Jump -> 58
     1    12 PushExcInfo
     3    13 LoadName 1 (E)
          16 CheckExcMatch
          17 PopJumpIfFalse -> 56
          22 StoreName 2 (e)
     4    25 LoadName 3 (g)
          28 LoadName 2 (e)
          31 Call 1
          34 Pop
          35 PopExcept
          36 LoadNone
          37 StoreName 2 (e)
          40 DeleteName 2 (e)
          43 Jump -> 58
          48 LoadNone
          49 StoreName 2 (e)
          52 DeleteName 2 (e)
          55 ExcCleanup
          56 ExcCleanup
          57 ExcCleanup
          58 ReturnNone
  exceptions
    0..7 -> 12 depth 0
    12..25 -> 57 depth 1
    25..35 -> 48 depth 1
"#,
    );
}

#[test]
fn return_in_finally() {
    check(
        r#"def f():
    try:
        return g()
    finally:
        h()
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 1
     1     0 LoadConst 0 (<code f>)
           3 MakeFunction 0
           5 StoreName 0 (f)
           8 ReturnNone

code f line 1 flags FUNCTION
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 3
     3     0 LoadGlobal 0 (g)
           3 Call 0
     5     6 LoadGlobal 1 (h)
           9 Call 0
          12 Pop
     3    13 ReturnValue
     2    14 PushExcInfo
     5    15 LoadGlobal 1 (h)
          18 Call 0
          21 Pop
          22 ExcCleanup
          23 ExcCleanup
          24 LoadNone
          25 ReturnValue
  exceptions
    0..6 -> 14 depth 0
    14..22 -> 23 depth 1
"#,
    );
}

#[test]
fn with() {
    check(
        r#"with open(p) as fh:
    fh.read()
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 4
     1     0 LoadName 0 (open)
           3 LoadName 1 (p)
           6 Call 1
           9 WithEnter
          10 StoreName 2 (fh)
     2    13 LoadName 2 (fh)
          16 LoadMethod 3 (read)
          19 CallMethod 0
          22 Pop
     1    23 LoadNone
          24 LoadNone
          25 LoadNone
          26 Call 3
          29 Pop
          30 Jump -> 47
          35 PushExcInfo
          36 WithExcept
          37 PopJumpIfTrue -> 44
          42 ExcCleanup
          43 ExcCleanup
          44 Pop
          45 PopExcept
          46 Pop
          47 ReturnNone
  exceptions
    10..23 -> 35 depth 1
    35..42 -> 43 depth 2
"#,
    );
}

#[test]
fn listcomp() {
    check(
        r#"sq = [x * x for x in xs if x]
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 2
     1     0 LoadConst 0 (<code <listcomp>>)
           3 MakeFunction 0
           5 LoadName 0 (xs)
           8 GetIter
           9 Call 1
          12 StoreName 1 (sq)
          15 ReturnNone

code <listcomp> line 1 flags FUNCTION
  args 1 posonly 0 kwonly 0 locals 2 free 0 stack 4
  varnames .0, x
     1     0 BuildList 0
           3 LoadFast 0 (.0)
           6 ForIter -> 32
          11 StoreFastLoadFast 1 1 (x, x)
          14 PopJumpIfFalse -> 27
          19 LoadFastLoadFast 1 1 (x, x)
          22 BinaryOp 2 (*)
          24 ListAppend 2
          27 Jump -> 6
          32 ReturnValue
"#,
    );
}

#[test]
fn generator() {
    check(
        r#"def gen(n):
    yield n
    r = yield from sub(n)
    return r
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 1
     1     0 LoadConst 0 (<code gen>)
           3 MakeFunction 0
           5 StoreName 0 (gen)
           8 ReturnNone

code gen line 1 flags GENERATOR|FUNCTION
  args 1 posonly 0 kwonly 0 locals 2 free 0 stack 2
  varnames n, r
     2     0 LoadFast 0 (n)
           3 YieldValue
           4 Pop
     3     5 LoadGlobal 0 (sub)
           8 LoadFast 0 (n)
          11 Call 1
          14 GetYieldFromIter
          15 LoadNone
          16 YieldFrom
          17 StoreFastLoadFast 1 1 (r, r; line 4)
          20 ReturnValue
"#,
    );
}

#[test]
fn class_super() {
    check(
        r#"class B(A):
    def m(self):
        return super().m()
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 4
     1     0 LoadBuildClass
           1 LoadConst 0 (<code B>)
           4 MakeFunction 0
           6 LoadConst 1 ('B')
           9 LoadName 0 (A)
          12 Call 3
          15 StoreName 1 (B)
          18 ReturnNone

code B line 1 flags CLASS_BODY
  args 0 posonly 0 kwonly 0 locals 1 free 0 stack 2
  varnames __class__
     1     0 MakeCell 0 (__class__)
           3 LoadName 0 (__name__)
           6 StoreName 1 (__module__)
           9 LoadConst 0 ('B')
          12 StoreName 2 (__qualname__)
     2    15 LoadClosure 0 (__class__)
          18 BuildTuple 1
          21 LoadConst 1 (<code B.m>)
          24 MakeFunction 4 (closure)
          26 StoreName 3 (m)
          29 LoadClosure 0 (__class__)
          32 ReturnValue

code B.m line 2 flags FUNCTION
  args 1 posonly 0 kwonly 0 locals 2 free 1 stack 2
  varnames self, __class__
     3     0 LoadGlobal 0 (super)
           3 Call 0
           6 LoadMethod 1 (m)
           9 CallMethod 0
          12 ReturnValue
"#,
    );
}

#[test]
fn calls() {
    check(
        r#"f(1, k=2)
o.m(a, k=b)
f(*a, b, **c)
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 5
     1     0 LoadName 0 (f)
           3 LoadSmallInt 1
           6 LoadSmallInt 2
           9 LoadConst 0 (('k',))
          12 CallKw 2
          15 Pop
     2    16 LoadName 1 (o)
          19 LoadMethod 2 (m)
          22 LoadName 3 (a)
          25 LoadName 4 (b)
          28 LoadConst 0 (('k',))
          31 CallMethodKw 2
          34 Pop
     3    35 LoadName 0 (f)
          38 BuildList 0
          41 LoadName 3 (a)
          44 ListExtend 1
          47 LoadName 4 (b)
          50 ListAppend 1
          53 ListToTuple
          54 BuildMap 0
          57 LoadName 5 (c)
          60 DictMerge 1
          63 CallEx 1 (kwargs)
          65 Pop
          66 ReturnNone
"#,
    );
}

#[test]
fn fstring() {
    check(
        r#"s = f"{a}-{b!r:>{w}}"
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 5
     1     0 LoadName 0 (a)
           3 FormatValue 0
           5 LoadConst 0 ('-')
           8 LoadName 1 (b)
          11 LoadConst 1 ('>')
          14 LoadName 2 (w)
          17 FormatValue 0
          19 BuildString 2
          22 FormatValue 6 (!r, spec)
          24 BuildString 3
          27 StoreName 3 (s)
          30 ReturnNone
"#,
    );
}

#[test]
fn augassign() {
    check(
        r#"a[i] += 1
a.b -= c
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 3
     1     0 LoadName 0 (a)
           3 LoadName 1 (i)
           6 BinarySubscrKeep
           7 BinaryOpSmallInt 272 (+= 1)
          10 StoreSubscrAug
     2    11 LoadName 0 (a)
          14 Copy 1
          16 LoadAttr 2 (b)
          19 LoadName 3 (c)
          22 BinaryOp 17 (-=)
          24 Swap 2
          26 StoreAttr 2 (b)
          29 ReturnNone
"#,
    );
}

#[test]
fn imports() {
    check(
        r#"import os.path
import a.b.c as d
from .m import x as y, z
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 2
     1     0 LoadSmallInt 0
           3 LoadNone
           4 ImportName 0 (os.path)
           7 StoreName 1 (os)
     2    10 LoadSmallInt 0
          13 LoadNone
          14 ImportName 2 (a.b.c)
          17 ImportFrom 3 (b)
          20 Swap 2
          22 Pop
          23 ImportFrom 4 (c)
          26 StoreName 5 (d)
          29 Pop
     3    30 LoadSmallInt 1
          33 LoadConst 0 (('x', 'z'))
          36 ImportName 6 (m)
          39 ImportFrom 7 (x)
          42 StoreName 8 (y)
          45 ImportFrom 9 (z)
          48 StoreName 9 (z)
          51 Pop
          52 ReturnNone
"#,
    );
}

#[test]
fn async_for() {
    check(
        r#"async def main(q):
    await q.get()
    async for item in q:
        print(item)
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 1
     1     0 LoadConst 0 (<code main>)
           3 MakeFunction 0
           5 StoreName 0 (main)
           8 ReturnNone

code main line 1 flags COROUTINE|FUNCTION
  args 1 posonly 0 kwonly 0 locals 2 free 0 stack 3
  varnames q, item
     2     0 LoadFastLoadMethod 0 0 (q.get)
           3 CallMethod 0
           6 GetAwaitable
           7 LoadNone
           8 YieldFrom
           9 Pop
     3    10 LoadFast 0 (q)
          13 GetAiter
          14 GetAnext
          15 GetAwaitable
          16 LoadNone
          17 YieldFrom
          18 StoreFast 1 (item)
     4    21 LoadGlobal 1 (print)
          24 LoadFast 1 (item)
          27 Call 1
          30 Pop
     3    31 Jump -> 14
          36 EndAsyncFor
          37 ReturnNone
  exceptions
    14..18 -> 36 depth 1
"#,
    );
}

#[test]
fn fused_local_attributes() {
    // `LoadFast; StoreAttr/LoadAttr/LoadMethod` on slot and name below 256 become one
    // instruction (the attribute half's line kept at offset + 1 when it differs), and
    // `LoadNone; ReturnValue` becomes ReturnNone.
    check(
        r#"def f(self, v):
    self.n = v + 1
    self.log.append(self.n)
    return (self
            .n)
"#,
        r#"code <module> line 1 flags MODULE
  args 0 posonly 0 kwonly 0 locals 0 free 0 stack 1
     1     0 LoadConst 0 (<code f>)
           3 MakeFunction 0
           5 StoreName 0 (f)
           8 ReturnNone

code f line 1 flags FUNCTION
  args 2 posonly 0 kwonly 0 locals 2 free 0 stack 3
  varnames self, v
     2     0 LoadFast 1 (v)
           3 BinaryOpSmallInt 256 (+ 1)
           6 LoadFastStoreAttr 0 0 (self.n)
     3     9 LoadFastLoadAttr 0 1 (self.log)
          12 LoadMethod 2 (append)
          15 LoadFastLoadAttr 0 0 (self.n)
          18 CallMethod 1
          21 Pop
     4    22 LoadFastLoadAttr 0 0 (self.n; line 5)
     4    25 ReturnValue
"#,
    );
}
