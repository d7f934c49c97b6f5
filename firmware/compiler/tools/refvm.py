#!/usr/bin/env python3
"""Reference executor for upy bytecode, written against the documented semantics in
firmware/bytecode/src/op.rs, using CPython objects for values.

It exists to check the compiler: a program compiled by upy-compiler and run here must print
what CPython prints. It is slow and not a VM design; it only follows op.rs to the letter.

    refvm.py FILE.py            compile FILE with the upyjson example and run it
    refvm.py --compare PATH...  run every .py under PATH here and under CPython, diff output
"""
import builtins
import collections.abc
import io
import json
import operator
import os
import re
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
OP_RS = os.path.join(HERE, "..", "..", "bytecode", "src", "op.rs")
TARGET = os.environ.get("CARGO_TARGET_DIR", "/work/target-compiler")
UPYJSON = os.path.join(TARGET, "debug", "examples", "upyjson")

# ----- opcode table, read from op.rs so it can never drift -----
OPNAME = {}
OPKIND = {}
with open(OP_RS) as f:
    for m in re.finditer(r"^\s*(\w+) = (\d+): (\w+),", f.read(), re.M):
        OPNAME[int(m.group(2))] = m.group(1)
        OPKIND[int(m.group(2))] = m.group(3)
SIZE = {"None": 0, "U8": 1, "U16": 2, "Jump": 4}

NULL = object()

GENERATOR, COROUTINE, VARARGS, VARKEYWORDS = 1, 2, 4, 8


class Cell:
    __slots__ = ("v",)

    def __init__(self, v=NULL):
        self.v = v


class Code:
    def __init__(self, j):
        self.__dict__.update(j)
        self.consts = [const(c) for c in j["consts"]]
        code = bytes(j["code"])
        self.ins = {}
        off = 0
        while off < len(code):
            op = code[off]
            kind = OPKIND[op]
            n = SIZE[kind]
            arg = int.from_bytes(code[off + 1:off + 1 + n], "little") if n else 0
            self.ins[off] = (OPNAME[op], arg, off + 1 + n)
            off += 1 + n
        self.exc = j["exc"]

    def handler(self, off):
        for s, e, h, d in self.exc:
            if s <= off < e:
                return h, d
        return None


def const(c):
    t = c[0]
    if t == "none":
        return None
    if t == "true":
        return True
    if t == "false":
        return False
    if t == "ellipsis":
        return ...
    if t == "int":
        return int(c[1])
    if t == "float":
        return float(c[1])
    if t == "complex":
        return complex(0, float(c[1]))
    if t == "str":
        return c[1]
    if t == "bytes":
        return bytes(c[1])
    if t == "tuple":
        return tuple(const(x) for x in c[1])
    if t == "code":
        return Code(c[1])
    raise ValueError(t)


class Frame:
    __slots__ = ("code", "fast", "stack", "ip", "globals", "locals", "yield_at", "in_yf")

    def __init__(self, code, fast, globals_, locals_):
        self.code = code
        self.fast = fast
        self.stack = []
        self.ip = 0
        self.globals = globals_
        self.locals = locals_
        self.yield_at = 0
        self.in_yf = False


FRAMES = []
EXC = [None]  # the exception being handled (sys.exc_info analogue)


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def name_list(names):
    names = [f"'{n}'" for n in names]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


class Function:
    def __init__(self, code, globals_, defaults, kwdefaults, closure):
        self.code = code
        self.globals = globals_
        self.__defaults__ = defaults
        self.__kwdefaults__ = kwdefaults
        self.closure = closure
        self.__name__ = code.name
        self.__qualname__ = code.qualname
        self.__doc__ = None
        self.__module__ = globals_.get("__name__")
        self.__wrapped_dict__ = {}

    def __repr__(self):
        return f"<function {self.__qualname__} at 0x{id(self):x}>"

    def __get__(self, obj, typ=None):
        return self if obj is None else types.MethodType(self, obj)

    def bind(self, args, kwargs):
        c = self.code
        name = c.qualname.split(".")[-1] if "<" not in c.name else c.name
        name = c.name
        argc, posonly, kwonly = c.argcount, c.posonly, c.kwonly
        fast = [NULL] * c.n_locals
        nargs = len(args)
        for i in range(min(nargs, argc)):
            fast[i] = args[i]
        star = argc + kwonly
        if c.flags & VARARGS:
            fast[star] = tuple(args[argc:])
        elif nargs > argc:
            nd = len(self.__defaults__ or ())
            given = nargs
            if nd:
                takes = f"from {argc - nd} to {argc} positional arguments"
            else:
                takes = f"{plural(argc, 'positional argument')}"
            kwgiven = sum(1 for k in kwargs if k in c.varnames[argc:argc + kwonly])
            if kwgiven:
                raise TypeError(f"{name}() takes {takes} but {plural(given, 'positional argument')} "
                                f"(and {plural(kwgiven, 'keyword-only argument')}) were given")
            was = "was" if given == 1 else "were"
            raise TypeError(f"{name}() takes {takes} but {given} {was} given")
        kwdict = {} if c.flags & VARKEYWORDS else None
        for k, v in kwargs.items():
            try:
                idx = c.varnames.index(k, posonly, argc + kwonly)
            except ValueError:
                idx = -1
            if idx >= 0:
                if fast[idx] is not NULL:
                    raise TypeError(f"{name}() got multiple values for argument '{k}'")
                fast[idx] = v
            elif kwdict is not None:
                kwdict[k] = v
            else:
                if k in c.varnames[:posonly]:
                    raise TypeError(f"{name}() got some positional-only arguments passed as keyword arguments: '{k}'")
                raise TypeError(f"{name}() got an unexpected keyword argument '{k}'")
        if kwdict is not None:
            fast[star + (1 if c.flags & VARARGS else 0)] = kwdict
        defaults = self.__defaults__ or ()
        missing = []
        for i in range(argc):
            if fast[i] is NULL:
                di = i - (argc - len(defaults))
                if di >= 0:
                    fast[i] = defaults[di]
                else:
                    missing.append(c.varnames[i])
        if missing:
            raise TypeError(f"{name}() missing {len(missing)} required positional argument"
                            f"{'s' if len(missing) > 1 else ''}: {name_list(missing)}")
        for i in range(argc, argc + kwonly):
            if fast[i] is NULL:
                kd = self.__kwdefaults__ or {}
                if c.varnames[i] in kd:
                    fast[i] = kd[c.varnames[i]]
                else:
                    missing.append(c.varnames[i])
        if missing:
            raise TypeError(f"{name}() missing {len(missing)} required keyword-only argument"
                            f"{'s' if len(missing) > 1 else ''}: {name_list(missing)}")
        nf = c.n_free
        if nf:
            fast[c.n_locals - nf:] = list(self.closure)
        return fast

    def __call__(self, *args, **kwargs):
        fast = self.bind(args, kwargs)
        frame = Frame(self.code, fast, self.globals, None)
        fl = self.code.flags
        if fl & GENERATOR and fl & COROUTINE:
            raise NotImplementedError("async generators")
        if fl & GENERATOR:
            return Gen(frame, self.__name__, self.__qualname__)
        if fl & COROUTINE:
            return Coro(frame, self.__name__, self.__qualname__)
        return execute(frame)[1]


class Gen:
    kind = "generator"

    def __init__(self, frame, name, qualname):
        self.frame = frame
        self.started = False
        self.finished = False
        self.running = False
        self.__name__ = name
        self.__qualname__ = qualname

    def __repr__(self):
        return f"<{self.kind} object {self.__qualname__} at 0x{id(self):x}>"

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, v):
        if self.finished:
            raise StopIteration
        if self.running:
            raise ValueError(f"{self.kind} already executing")
        if not self.started:
            if v is not None:
                raise TypeError(f"can't send non-None value to a just-started {self.kind}")
            self.started = True
        else:
            self.frame.stack.append(v)
        return self._run(None)

    def throw(self, typ, val=None, tb=None):
        if isinstance(typ, BaseException):
            exc = typ
        else:
            exc = typ() if val is None else (val if isinstance(val, typ) else typ(val))
        if self.finished:
            raise exc
        if not self.started:
            self.finished = True
            raise exc
        return self._run(exc)

    def __del__(self):
        try:
            self.close()
        except BaseException:
            pass

    def close(self):
        if self.finished or not self.started:
            self.finished = True
            return
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            return
        raise RuntimeError(f"{self.kind} ignored GeneratorExit")

    def _run(self, exc):
        self.running = True
        try:
            kind, v = execute(self.frame, exc)
        except StopIteration as e:
            self.finished = True
            raise RuntimeError(f"{self.kind} raised StopIteration") from e
        except BaseException:
            self.finished = True
            raise
        finally:
            self.running = False
        if kind == "ret":
            self.finished = True
            if v is None:
                raise StopIteration
            raise StopIteration(v)
        return v


class Coro(Gen):
    kind = "coroutine"

    def __await__(self):
        return self

    def __iter__(self):
        raise TypeError("'coroutine' object is not iterable")


collections.abc.Coroutine.register(Coro)
# Python-visible type names, as CPython shows them.
Function.__name__ = Function.__qualname__ = "function"
Gen.__name__ = Gen.__qualname__ = "generator"
Coro.__name__ = Coro.__qualname__ = "coroutine"


def build_class(func, name, *bases, **kw):
    meta = kw.pop("metaclass", None)
    orig_bases = bases
    new_bases = []
    for b in bases:
        if not isinstance(b, type) and hasattr(b, "__mro_entries__"):
            new_bases.extend(b.__mro_entries__(bases))
        else:
            new_bases.append(b)
    bases = tuple(new_bases)
    if meta is None:
        meta = type(bases[0]) if bases else type
    if isinstance(meta, type):
        for b in bases:
            bm = type(b)
            if issubclass(bm, meta):
                meta = bm
            elif not issubclass(meta, bm):
                raise TypeError("metaclass conflict")
    ns = meta.__prepare__(name, bases, **kw) if hasattr(meta, "__prepare__") else {}
    fast = [NULL] * func.code.n_locals
    nf = func.code.n_free
    if nf:
        fast[func.code.n_locals - nf:] = list(func.closure)
    frame = Frame(func.code, fast, func.globals, ns)
    cell = execute(frame)[1]
    # type() makes these implicit class/static methods only for real functions.
    for n, wrap in (("__init_subclass__", classmethod), ("__class_getitem__", classmethod), ("__new__", staticmethod)):
        if isinstance(ns.get(n), Function):
            ns[n] = wrap(ns[n])
    if bases is not orig_bases:
        ns["__orig_bases__"] = orig_bases
    cls = meta(name, bases, ns, **kw)
    if isinstance(cell, Cell):
        cell.v = cls
    return cls


def upy_super(*args):
    if args:
        return builtins.super(*args)
    f = FRAMES[-1]
    c = f.code
    try:
        i = c.varnames.index("__class__")
    except ValueError:
        raise RuntimeError("super(): __class__ cell not found")
    cls = f.fast[i].v if isinstance(f.fast[i], Cell) else f.fast[i]
    if not c.argcount and not (c.flags & VARARGS):
        raise RuntimeError("super(): no arguments")
    obj = f.fast[0]
    if isinstance(obj, Cell):
        obj = obj.v
    return builtins.super(cls, obj)


BUILTINS = dict(vars(builtins))
BUILTINS["super"] = upy_super
BUILTINS["__build_class__"] = build_class
BUILTINS["globals"] = lambda: FRAMES[-1].globals
BUILTINS["locals"] = lambda: FRAMES[-1].locals if FRAMES[-1].locals is not None else {
    n: (v.v if isinstance(v, Cell) else v) for n, v in zip(FRAMES[-1].code.varnames, FRAMES[-1].fast)
    if v is not NULL and not (isinstance(v, Cell) and v.v is NULL)}

sys.exc_info = lambda: (type(EXC[-1]), EXC[-1], EXC[-1].__traceback__) if EXC[-1] is not None else (None, None, None)
sys.exception = lambda: EXC[-1]

BINOPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod,
          operator.pow, operator.lshift, operator.rshift, operator.and_, operator.or_, operator.xor,
          operator.matmul]
IBINOPS = [operator.iadd, operator.isub, operator.imul, operator.itruediv, operator.ifloordiv, operator.imod,
           operator.ipow, operator.ilshift, operator.irshift, operator.iand, operator.ior, operator.ixor,
           operator.imatmul]
CMPOPS = [operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge,
          lambda a, b: a in b, lambda a, b: a not in b, operator.is_, operator.is_not]
UNOPS = [operator.neg, operator.pos, operator.invert, operator.not_]


def load_global(frame, name):
    g = frame.globals
    if name in g:
        return g[name]
    b = g.get("__builtins__")
    bd = BUILTINS
    if name in bd:
        return bd[name]
    raise NameError(f"name '{name}' is not defined")


def raise_with_context(exc):
    cur = EXC[-1]
    if cur is not None and cur is not exc and exc.__context__ is None:
        exc.__context__ = cur
    raise exc


def instantiate(e):
    if isinstance(e, type) and issubclass(e, BaseException):
        return e()
    if isinstance(e, BaseException):
        return e
    raise TypeError("exceptions must derive from BaseException")


def execute(frame, throw=None):
    """Run `frame` until it returns ('ret', value) or yields ('yield', value)."""
    code = frame.code
    st = frame.stack
    fast = frame.fast
    ins = code.ins
    ip = frame.ip
    pending = None
    if throw is not None:
        if frame.in_yf:
            # Forward into the delegate of the suspended YieldFrom.
            it = st[-1]
            frame.in_yf = False
            try:
                if isinstance(throw, GeneratorExit):
                    cl = getattr(it, "close", None)
                    if cl is not None:
                        cl()
                    raise throw
                t = getattr(it, "throw", None)
                if t is None:
                    raise throw
                y = t(throw)
            except StopIteration as s:
                st.pop()
                st.append(s.value)
                ip = frame.yield_at + 1
            except BaseException as e:
                pending = e
                ip = frame.yield_at
            else:
                frame.in_yf = True
                return "yield", y
        else:
            pending = throw
            ip = frame.yield_at
    frame.in_yf = False
    FRAMES.append(frame)
    try:
        while True:
            cur = ip
            try:
                if pending is not None:
                    e, pending = pending, None
                    raise e
                op, arg, ip = ins[cur]
                if op == "LoadFast":
                    v = fast[arg]
                    if v is NULL:
                        raise UnboundLocalError(
                            f"cannot access local variable '{code.varnames[arg]}' where it is not associated with a value")
                    st.append(v)
                elif op == "StoreFast":
                    fast[arg] = st.pop()
                elif op == "LoadConst":
                    st.append(code.consts[arg])
                elif op == "LoadSmallInt":
                    st.append(arg - 65536 if arg >= 32768 else arg)
                elif op == "LoadNone":
                    st.append(None)
                elif op == "LoadTrue":
                    st.append(True)
                elif op == "LoadFalse":
                    st.append(False)
                elif op == "DeleteFast":
                    if fast[arg] is NULL:
                        raise UnboundLocalError(
                            f"cannot access local variable '{code.varnames[arg]}' where it is not associated with a value")
                    fast[arg] = NULL
                elif op == "LoadDeref":
                    v = fast[arg].v
                    if v is NULL:
                        n = code.varnames[arg]
                        if arg >= code.n_locals - code.n_free:
                            raise NameError(f"cannot access free variable '{n}' where it is not associated with a value in enclosing scope")
                        raise UnboundLocalError(f"cannot access local variable '{n}' where it is not associated with a value")
                    st.append(v)
                elif op == "StoreDeref":
                    fast[arg].v = st.pop()
                elif op == "DeleteDeref":
                    if fast[arg].v is NULL:
                        raise UnboundLocalError(f"cannot access local variable '{code.varnames[arg]}' where it is not associated with a value")
                    fast[arg].v = NULL
                elif op == "LoadClosure":
                    st.append(fast[arg])
                elif op == "MakeCell":
                    fast[arg] = Cell(fast[arg])
                elif op == "LoadClassDeref":
                    n = code.varnames[arg]
                    if n in frame.locals:
                        st.append(frame.locals[n])
                    else:
                        v = fast[arg].v
                        if v is NULL:
                            raise NameError(f"cannot access free variable '{n}' where it is not associated with a value in enclosing scope")
                        st.append(v)
                elif op == "LoadGlobal":
                    st.append(load_global(frame, code.names[arg]))
                elif op == "StoreGlobal":
                    frame.globals[code.names[arg]] = st.pop()
                elif op == "DeleteGlobal":
                    n = code.names[arg]
                    if n not in frame.globals:
                        raise NameError(f"name '{n}' is not defined")
                    del frame.globals[n]
                elif op == "LoadName":
                    n = code.names[arg]
                    loc = frame.locals
                    if loc is not None and n in loc:
                        st.append(loc[n])
                    else:
                        st.append(load_global(frame, n))
                elif op == "StoreName":
                    frame.locals[code.names[arg]] = st.pop()
                elif op == "DeleteName":
                    n = code.names[arg]
                    try:
                        del frame.locals[n]
                    except KeyError:
                        raise NameError(f"name '{n}' is not defined") from None
                elif op == "LoadAttr":
                    st.append(getattr(st.pop(), code.names[arg]))
                elif op == "StoreAttr":
                    obj = st.pop()
                    setattr(obj, code.names[arg], st.pop())
                elif op == "DeleteAttr":
                    delattr(st.pop(), code.names[arg])
                elif op == "LoadMethod":
                    obj = st.pop()
                    st.append(getattr(obj, code.names[arg]))
                    st.append(NULL)
                elif op == "BinarySubscr":
                    k = st.pop()
                    st.append(st.pop()[k])
                elif op == "StoreSubscr":
                    k = st.pop()
                    obj = st.pop()
                    obj[k] = st.pop()
                elif op == "BinarySubscrKeep":
                    st.append(st[-2][st[-1]])
                elif op == "StoreSubscrAug":
                    v = st.pop()
                    k = st.pop()
                    st.pop()[k] = v
                elif op == "DeleteSubscr":
                    k = st.pop()
                    del st.pop()[k]
                elif op == "BuildSlice":
                    args = st[-arg:]
                    del st[-arg:]
                    st.append(slice(*args))
                elif op == "UnaryOp":
                    st.append(UNOPS[arg](st.pop()))
                elif op == "BinaryOp":
                    b = st.pop()
                    a = st.pop()
                    st.append((IBINOPS if arg & 0x10 else BINOPS)[arg & 0xF](a, b))
                elif op == "CompareOp":
                    b = st.pop()
                    a = st.pop()
                    st.append(CMPOPS[arg](a, b))
                elif op == "Pop":
                    st.pop()
                elif op == "Copy":
                    st.append(st[-arg])
                elif op == "Swap":
                    st[-1], st[-arg] = st[-arg], st[-1]
                elif op == "Jump":
                    ip = arg
                elif op == "PopJumpIfFalse":
                    if not st.pop():
                        ip = arg
                elif op == "PopJumpIfTrue":
                    if st.pop():
                        ip = arg
                elif op == "JumpIfFalseOrPop":
                    if not st[-1]:
                        ip = arg
                    else:
                        st.pop()
                elif op == "JumpIfTrueOrPop":
                    if st[-1]:
                        ip = arg
                    else:
                        st.pop()
                elif op == "GetIter":
                    st.append(iter(st.pop()))
                elif op == "ForIter":
                    try:
                        st.append(next(st[-1]))
                    except StopIteration:
                        st.pop()
                        ip = arg
                elif op in ("BuildTuple", "BuildList", "BuildSet", "BuildString"):
                    items = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    st.append({"BuildTuple": tuple, "BuildList": list, "BuildSet": set,
                               "BuildString": "".join}[op](items))
                elif op == "BuildMap":
                    items = st[len(st) - 2 * arg:]
                    del st[len(st) - 2 * arg:]
                    d = {}
                    for i in range(0, len(items), 2):
                        d[items[i]] = items[i + 1]
                    st.append(d)
                elif op == "FormatValue":
                    spec = st.pop() if arg & 4 else ""
                    v = st.pop()
                    conv = arg & 3
                    if conv == 1:
                        v = str(v)
                    elif conv == 2:
                        v = repr(v)
                    elif conv == 3:
                        v = ascii(v)
                    st.append(format(v, spec))
                elif op == "ListAppend":
                    v = st.pop()
                    st[-arg].append(v)
                elif op == "SetAdd":
                    v = st.pop()
                    st[-arg].add(v)
                elif op == "MapAdd":
                    v = st.pop()
                    k = st.pop()
                    st[-arg][k] = v
                elif op == "ListExtend":
                    v = st.pop()
                    try:
                        st[-arg].extend(v)
                    except TypeError:
                        if not hasattr(v, "__iter__"):
                            raise TypeError(f"Value after * must be an iterable, not {type(v).__name__}") from None
                        raise
                elif op == "SetUpdate":
                    v = st.pop()
                    st[-arg].update(v)
                elif op == "DictUpdate":
                    v = st.pop()
                    if not hasattr(v, "keys"):
                        raise TypeError(f"'{type(v).__name__}' object is not a mapping")
                    st[-arg].update(v)
                elif op == "DictMerge":
                    v = st.pop()
                    if not hasattr(v, "keys"):
                        raise TypeError(f"argument after ** must be a mapping, not {type(v).__name__}")
                    d = st[-arg]
                    for k in v.keys():
                        if k in d:
                            raise TypeError(f"got multiple values for keyword argument '{k}'")
                        d[k] = v[k]
                elif op == "ListToTuple":
                    st.append(tuple(st.pop()))
                elif op == "UnpackSequence":
                    seq = st.pop()
                    items = []
                    for x in seq:
                        items.append(x)
                        if len(items) > arg:
                            raise ValueError(f"too many values to unpack (expected {arg})")
                    if len(items) < arg:
                        raise ValueError(f"not enough values to unpack (expected {arg}, got {len(items)})")
                    st.extend(reversed(items))
                elif op == "UnpackEx":
                    before, after = arg & 0xFF, arg >> 8
                    items = list(st.pop())
                    if len(items) < before + after:
                        raise ValueError(f"not enough values to unpack (expected at least {before + after}, got {len(items)})")
                    st.extend(reversed(items[len(items) - after:]))
                    st.append(items[before:len(items) - after])
                    st.extend(reversed(items[:before]))
                elif op == "Call":
                    args = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    f = st.pop()
                    st.append(f(*args))
                elif op == "CallKw":
                    names = st.pop()
                    args = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    f = st.pop()
                    k = len(names)
                    st.append(f(*args[:arg - k], **dict(zip(names, args[arg - k:]))))
                elif op in ("CallMethod", "CallMethodKw"):
                    names = st.pop() if op == "CallMethodKw" else ()
                    args = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    self_ = st.pop()
                    m = st.pop()
                    if self_ is not NULL:
                        args.insert(0, self_)
                        arg += 1
                    k = len(names)
                    st.append(m(*args[:arg - k], **dict(zip(names, args[arg - k:]))))
                elif op == "CallEx":
                    kw = st.pop() if arg & 1 else {}
                    args = st.pop()
                    f = st.pop()
                    st.append(f(*args, **kw))
                elif op == "MakeFunction":
                    c = st.pop()
                    closure = st.pop() if arg & 4 else None
                    kwd = st.pop() if arg & 2 else None
                    d = st.pop() if arg & 1 else None
                    st.append(Function(c, frame.globals, d, kwd, closure))
                elif op == "LoadBuildClass":
                    st.append(build_class)
                elif op == "ReturnValue":
                    return "ret", st.pop()
                elif op == "YieldValue":
                    frame.ip = ip
                    frame.yield_at = cur
                    return "yield", st.pop()
                elif op == "YieldFrom":
                    v = st.pop()
                    it = st[-1]
                    try:
                        if v is None and not hasattr(it, "send"):
                            y = next(it)
                        else:
                            y = it.send(v)
                    except StopIteration as s:
                        st.pop()
                        st.append(s.value)
                    else:
                        frame.ip = cur
                        frame.yield_at = cur
                        frame.in_yf = True
                        return "yield", y
                elif op == "GetYieldFromIter":
                    v = st.pop()
                    if isinstance(v, Coro):
                        raise TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator")
                    st.append(v if isinstance(v, (Gen, types.GeneratorType)) else iter(v))
                elif op == "GetAwaitable":
                    v = st.pop()
                    if isinstance(v, (Coro, types.CoroutineType)):
                        st.append(v)
                    elif hasattr(type(v), "__await__"):
                        st.append(type(v).__await__(v))
                    else:
                        raise TypeError(f"object {type(v).__name__} can't be used in 'await' expression")
                elif op == "GetAiter":
                    v = st.pop()
                    st.append(type(v).__aiter__(v))
                elif op == "GetAnext":
                    st.append(type(st[-1]).__anext__(st[-1]))
                elif op == "EndAsyncFor":
                    e = st.pop()
                    st.pop()
                    if not isinstance(e, StopAsyncIteration):
                        raise e
                elif op == "Raise":
                    if arg == 0:
                        e = EXC[-1]
                        if e is None:
                            raise RuntimeError("No active exception to reraise")
                        raise e
                    if arg == 2:
                        cause = st.pop()
                        e = instantiate(st.pop())
                        if cause is not None:
                            cause = instantiate(cause)
                        e.__cause__ = cause
                        e.__suppress_context__ = True
                        raise_with_context(e)
                    raise_with_context(instantiate(st.pop()))
                elif op == "Reraise":
                    raise st.pop()
                elif op == "PushExcInfo":
                    e = st.pop()
                    st.append(EXC[-1])
                    st.append(e)
                    EXC[-1] = e
                elif op == "PopExcept":
                    EXC[-1] = st.pop()
                elif op == "CheckExcMatch":
                    t = st.pop()
                    for x in (t if isinstance(t, tuple) else (t,)):
                        if not (isinstance(x, type) and issubclass(x, BaseException)):
                            raise TypeError("catching classes that do not inherit from BaseException is not allowed")
                    st.append(isinstance(st[-1], t))
                elif op == "ExcCleanup":
                    e = st.pop()
                    EXC[-1] = st.pop()
                    raise e
                elif op == "LoadAssertionError":
                    st.append(AssertionError)
                elif op == "WithEnter":
                    mgr = st.pop()
                    t = type(mgr)
                    if not hasattr(t, "__enter__") or not hasattr(t, "__exit__"):
                        raise TypeError(f"'{t.__name__}' object does not support the context manager protocol")
                    st.append(t.__exit__.__get__(mgr))
                    st.append(t.__enter__(mgr))
                elif op == "AsyncWithEnter":
                    mgr = st.pop()
                    t = type(mgr)
                    st.append(t.__aexit__.__get__(mgr))
                    st.append(t.__aenter__(mgr))
                elif op == "WithExcept":
                    e = st[-1]
                    st.append(st[-3](type(e), e, None))
                elif op == "ImportName":
                    fromlist = st.pop()
                    level = st.pop()
                    st.append(__import__(code.names[arg], frame.globals, frame.locals, fromlist, level))
                elif op == "ImportFrom":
                    m = st[-1]
                    n = code.names[arg]
                    try:
                        st.append(getattr(m, n))
                    except AttributeError:
                        full = f"{getattr(m, '__name__', '?')}.{n}"
                        if full in sys.modules:
                            st.append(sys.modules[full])
                        else:
                            raise ImportError(f"cannot import name '{n}' from '{getattr(m, '__name__', '?')}'") from None
                elif op == "ImportStar":
                    m = st.pop()
                    names = getattr(m, "__all__", None)
                    if names is None:
                        names = [n for n in vars(m) if not n.startswith("_")]
                    for n in names:
                        frame.locals[n] = getattr(m, n)
                elif op == "PrintExpr":
                    v = st.pop()
                    if v is not None:
                        print(repr(v))
                        builtins._ = v
                elif op in ("LoadFastLoadFast", "StoreFastLoadFast"):
                    a, b = arg & 0xFF, arg >> 8
                    if op == "StoreFastLoadFast":
                        fast[a] = st.pop()
                    else:
                        if fast[a] is NULL:
                            raise UnboundLocalError(
                                f"cannot access local variable '{code.varnames[a]}' where it is not associated with a value")
                        st.append(fast[a])
                    if fast[b] is NULL:
                        raise UnboundLocalError(
                            f"cannot access local variable '{code.varnames[b]}' where it is not associated with a value")
                    st.append(fast[b])
                elif op == "BinaryOpSmallInt":
                    k = (arg >> 8) - 256 if arg >> 8 >= 128 else arg >> 8
                    a = st.pop()
                    st.append((IBINOPS if arg & 0x10 else BINOPS)[arg & 0xF](a, k))
                elif op == "LoadFastBinaryOp":
                    b = fast[arg & 0xFF]
                    if b is NULL:
                        raise UnboundLocalError(
                            f"cannot access local variable '{code.varnames[arg & 0xFF]}' where it is not associated with a value")
                    a = st.pop()
                    o = arg >> 8
                    st.append((IBINOPS if o & 0x10 else BINOPS)[o & 0xF](a, b))
                elif op == "BinarySubscrSmallInt":
                    st.append(st.pop()[arg - 65536 if arg >= 32768 else arg])
                elif op in ("LoadFastLoadAttr", "LoadFastLoadMethod", "LoadFastStoreAttr"):
                    obj = fast[arg & 0xFF]
                    if obj is NULL:
                        raise UnboundLocalError(
                            f"cannot access local variable '{code.varnames[arg & 0xFF]}' where it is not associated with a value")
                    n = code.names[arg >> 8]
                    if op == "LoadFastLoadAttr":
                        st.append(getattr(obj, n))
                    elif op == "LoadFastLoadMethod":
                        st.append(getattr(obj, n))
                        st.append(NULL)
                    else:
                        setattr(obj, n, st.pop())
                elif op == "ReturnNone":
                    return "ret", None
                elif op == "Nop":
                    pass
                else:
                    raise SystemError(f"refvm: unknown op {op}")
            except BaseException as e:
                h = code.handler(cur)
                if h is None:
                    frame.ip = cur
                    raise
                del st[h[1]:]
                st.append(e)
                ip = h[0]
    finally:
        FRAMES.pop()


def run_file(path, json_path=None):
    if json_path:
        with open(json_path) as f:
            code = Code(json.load(f))
    else:
        r = subprocess.run([UPYJSON, path], capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"compile failed: {r.stderr.strip()}")
        code = Code(json.loads(r.stdout))
    g = {"__name__": "__main__", "__builtins__": builtins, "__file__": path}
    frame = Frame(code, [NULL] * code.n_locals, g, g)
    execute(frame)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--compare":
        compare(args[1:])
        return
    sys.setrecursionlimit(10000)
    json_path = None
    if args[0] == "--json":
        json_path = args[1]
        args = args[2:]
    path = args[0]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    sys.argv = [path]
    try:
        run_file(path, json_path)
    except SystemExit:
        raise
    except BaseException as e:
        import traceback
        print("Traceback (most recent call last):", file=sys.stderr)
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)


def compare(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if n.endswith(".py")]
        else:
            files.append(p)
    files.sort()
    passed = failed = 0
    for f in files:
        d = os.path.dirname(os.path.abspath(f))
        try:
            a = subprocess.run([sys.executable, os.path.abspath(f)], capture_output=True, text=True, timeout=60, cwd=d)
            b = subprocess.run([sys.executable, __file__, os.path.abspath(f)], capture_output=True, text=True, timeout=120, cwd=d)
        except subprocess.TimeoutExpired:
            print(f"TIMEOUT {f}")
            failed += 1
            continue
        if a.stdout == b.stdout and (a.returncode == 0) == (b.returncode == 0):
            passed += 1
        else:
            failed += 1
            print(f"DIFF {f}")
            al, bl = a.stdout.splitlines(), b.stdout.splitlines()
            for i in range(max(len(al), len(bl))):
                x = al[i] if i < len(al) else "<eof>"
                y = bl[i] if i < len(bl) else "<eof>"
                if x != y:
                    print(f"  line {i + 1}: cpython: {x!r}")
                    print(f"  line {i + 1}: refvm:   {y!r}")
                    break
            if b.stderr.strip():
                print("  " + b.stderr.strip().splitlines()[-1])
    print(f"{passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
