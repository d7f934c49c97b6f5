//! `dict` (and the table behind `set`): a compact, insertion-ordered hash table.
//!
//! Entries live in a ValArray of (key, value) pairs in insertion order, with their hashes
//! in a parallel RawBuf; a deleted entry has a NULL key. Tables of more than 8 entries
//! also have an open-addressing index (CPython's probe sequence) mapping hash to entry.

use super::{ArrayHdr, DictObj, Kind};
use crate::runtime;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

const SMALL: u32 = 8;
const EMPTY: u32 = 0;
const DELETED: u32 = u32::MAX;

/// A new empty dict.
pub fn new_dict(vm: &mut Vm) -> PyResult<Value> {
    let off = vm.alloc(Kind::Dict, core::mem::size_of::<DictObj>())?;
    Ok(Value::obj(off))
}

/// A new empty set (`frozen`: frozenset).
pub fn new_set(vm: &mut Vm, frozen: bool) -> PyResult<Value> {
    let off = vm.alloc(Kind::Set, core::mem::size_of::<DictObj>())?;
    vm.heap.get_mut::<DictObj>(off).h.aux = frozen as u16;
    Ok(Value::obj(off))
}

impl Vm {
    /// The table behind a dict, set, or instance of a dict/set subclass.
    #[inline]
    pub fn dict_off(&self, v: Value) -> Option<u32> {
        let off = v.as_obj()?;
        match self.heap.kind(off) {
            Kind::Dict | Kind::Set => Some(off),
            Kind::Instance => self.dict_off(self.heap.get::<super::InstObj>(off).native),
            _ => None,
        }
    }

    /// Number of live entries.
    pub fn dict_len(&self, d: Value) -> usize {
        self.dict_off(d).map_or(0, |o| self.heap.get::<DictObj>(o).len as usize)
    }

    fn entry_hash(&self, d: u32, i: u32) -> u32 {
        let hb = self.heap.get::<DictObj>(d).hashes;
        let b = &self.heap.raw(hb)[i as usize * 4..i as usize * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The (key, value) of entry `i` (key NULL when deleted). `i < used`.
    #[inline]
    pub fn dict_entry(&self, d: u32, i: u32) -> (Value, Value) {
        let e = self.heap.get::<DictObj>(d).entries;
        let vals = self.heap.vals(e);
        let i = i as usize * 2;
        if i + 1 < vals.len() { (vals[i], vals[i + 1]) } else { (Value::NULL, Value::NULL) }
    }

    /// Entries used (live or deleted): iterate `0..used`.
    #[inline]
    pub fn dict_used(&self, d: u32) -> u32 {
        self.heap.get::<DictObj>(d).used
    }

    /// Find the entry index of `key` with hash `h`.
    fn dict_find(&mut self, d: u32, key: Value, h: u32) -> PyResult<Option<u32>> {
        let fast_only = key.is_small() || key.as_qstr().is_some();
        let dobj = self.heap.get::<DictObj>(d);
        if dobj.index == 0 {
            let used = dobj.used;
            // Identity pass first: most lookups are interned names or small ints.
            for i in 0..used {
                let (k, _) = self.dict_entry(d, i);
                if k == key {
                    return Ok(Some(i));
                }
            }
            for i in 0..used.min(self.dict_used(d)) {
                let (k, _) = self.dict_entry(d, i);
                if k.is_null() || self.entry_hash(d, i) != h {
                    continue;
                }
                if fast_only && (k.is_small() || k.as_qstr().is_some()) {
                    continue;
                }
                if runtime::eq(self, k, key)? {
                    return Ok(Some(i));
                }
            }
            return Ok(None);
        }
        let mask = dobj.index_cap - 1;
        let index = dobj.index;
        let mut i = h & mask;
        let mut perturb = h;
        for _ in 0..=mask {
            let slot = self.index_get(index, i);
            if slot == EMPTY {
                return Ok(None);
            }
            if slot != DELETED {
                let e = slot - 1;
                let (k, _) = self.dict_entry(d, e);
                if k == key {
                    return Ok(Some(e));
                }
                if !k.is_null()
                    && self.entry_hash(d, e) == h
                    && !(fast_only && (k.is_small() || k.as_qstr().is_some()))
                    && runtime::eq(self, k, key)?
                {
                    return Ok(Some(e));
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        Ok(None)
    }

    fn index_get(&self, index: u32, i: u32) -> u32 {
        let b = &self.heap.raw(index)[i as usize * 4..i as usize * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    fn index_set(&mut self, index: u32, i: u32, v: u32) {
        self.heap.raw_mut(index)[i as usize * 4..i as usize * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }

    fn index_insert(&mut self, d: u32, h: u32, entry: u32) {
        let dobj = self.heap.get::<DictObj>(d);
        let (index, mask) = (dobj.index, dobj.index_cap.wrapping_sub(1));
        if index == 0 {
            return;
        }
        let mut i = h & mask;
        let mut perturb = h;
        loop {
            let s = self.index_get(index, i);
            if s == EMPTY || s == DELETED {
                self.index_set(index, i, entry + 1);
                return;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
    }

    /// Rebuild the table with room for `cap` entries, dropping deleted ones.
    fn dict_resize(&mut self, d: u32, cap: u32) -> PyResult<()> {
        let cap = cap.max(4);
        let ents = self.alloc_vals(cap as usize * 2)?;
        let hashes = self.alloc_raw(cap as usize * 4)?;
        let index_cap = if cap > SMALL { (cap * 3 / 2).next_power_of_two() } else { 0 };
        let index = if index_cap > 0 { self.alloc_raw(index_cap as usize * 4)? } else { 0 };
        let used = self.dict_used(d);
        let mut n = 0u32;
        for i in 0..used {
            let (k, v) = self.dict_entry(d, i);
            if k.is_null() {
                continue;
            }
            let h = self.entry_hash(d, i);
            let e = self.heap.vals_mut(ents);
            e[n as usize * 2] = k;
            e[n as usize * 2 + 1] = v;
            self.heap.raw_mut(hashes)[n as usize * 4..n as usize * 4 + 4].copy_from_slice(&h.to_le_bytes());
            n += 1;
        }
        let old = *self.heap.get::<DictObj>(d);
        {
            let dobj = self.heap.get_mut::<DictObj>(d);
            dobj.entries = ents;
            dobj.hashes = hashes;
            dobj.index = index;
            dobj.index_cap = index_cap;
            dobj.cap = cap;
            dobj.used = n;
            dobj.len = n;
        }
        for o in [old.entries, old.hashes, old.index] {
            if o != 0 {
                self.heap.free(o);
            }
        }
        if index != 0 {
            for i in 0..n {
                let h = self.entry_hash(d, i);
                self.index_insert(d, h, i);
            }
        }
        Ok(())
    }

    /// `d[key]`, or None when missing.
    pub fn dict_get(&mut self, dict: Value, key: Value) -> PyResult<Option<Value>> {
        let Some(d) = self.dict_off(dict) else { return Ok(None) };
        if self.heap.get::<DictObj>(d).len == 0 {
            return Ok(None);
        }
        let h = runtime::hash(self, key)?;
        Ok(self.dict_find(d, key, h)?.map(|i| self.dict_entry(d, i).1))
    }

    /// Lookup by interned name without any Python-level calls (namespaces).
    #[inline]
    pub fn dict_get_str(&self, dict: Value, name: crate::qstr::Qstr) -> Option<Value> {
        let d = self.dict_off(dict)?;
        let dobj = self.heap.get::<DictObj>(d);
        let key = Value::qstr(name);
        if dobj.index == 0 {
            let used = dobj.used;
            for i in 0..used {
                let (k, v) = self.dict_entry(d, i);
                if k == key {
                    return Some(v);
                }
            }
            // A heap str with the same text.
            for i in 0..used {
                let (k, v) = self.dict_entry(d, i);
                if k.is_obj() && self.str_of(k) == Some(self.qstrs.get(name)) {
                    return Some(v);
                }
            }
            return None;
        }
        let h = self.qstrs.hash(name);
        let mask = dobj.index_cap - 1;
        let index = dobj.index;
        let mut i = h & mask;
        let mut perturb = h;
        for _ in 0..=mask {
            let slot = self.index_get(index, i);
            if slot == EMPTY {
                return None;
            }
            if slot != DELETED {
                let (k, v) = self.dict_entry(d, slot - 1);
                if k == key || (k.is_obj() && self.str_of(k) == Some(self.qstrs.get(name))) {
                    return Some(v);
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        None
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, dict: Value, key: Value, value: Value) -> PyResult<()> {
        let Some(d) = self.dict_off(dict) else { return Ok(()) };
        let h = runtime::hash(self, key)?;
        if let Some(i) = self.dict_find(d, key, h)? {
            let e = self.heap.get::<DictObj>(d).entries;
            self.heap.vals_mut(e)[i as usize * 2 + 1] = value;
            return Ok(());
        }
        let dobj = self.heap.get::<DictObj>(d);
        if dobj.used >= dobj.cap {
            let len = dobj.len;
            let newcap = if len < dobj.used / 2 { dobj.cap } else { (dobj.cap * 2).max(4) };
            self.dict_resize(d, newcap.max(len + 1))?;
        }
        let dobj = self.heap.get_mut::<DictObj>(d);
        let i = dobj.used;
        dobj.used += 1;
        dobj.len += 1;
        let (e, hb) = (dobj.entries, dobj.hashes);
        let ents = self.heap.vals_mut(e);
        ents[i as usize * 2] = key;
        ents[i as usize * 2 + 1] = value;
        self.heap.raw_mut(hb)[i as usize * 4..i as usize * 4 + 4].copy_from_slice(&h.to_le_bytes());
        self.index_insert(d, h, i);
        Ok(())
    }

    /// Set an interned-name key.
    pub fn dict_set_str(&mut self, dict: Value, name: &str, value: Value) -> PyResult<()> {
        let q = self.intern(name);
        self.dict_set(dict, Value::qstr(q), value)
    }

    /// Remove `key`; returns its value, or None when missing.
    pub fn dict_remove(&mut self, dict: Value, key: Value) -> PyResult<Option<Value>> {
        let Some(d) = self.dict_off(dict) else { return Ok(None) };
        if self.heap.get::<DictObj>(d).len == 0 {
            return Ok(None);
        }
        let h = runtime::hash(self, key)?;
        let Some(i) = self.dict_find(d, key, h)? else { return Ok(None) };
        Ok(Some(self.dict_remove_entry(d, i)))
    }

    /// Remove entry `i` (live); returns its value (rooted).
    pub fn dict_remove_entry(&mut self, d: u32, i: u32) -> Value {
        let h = self.entry_hash(d, i);
        let dobj = *self.heap.get::<DictObj>(d);
        let ents = self.heap.vals_mut(dobj.entries);
        let v = ents[i as usize * 2 + 1];
        ents[i as usize * 2] = Value::NULL;
        ents[i as usize * 2 + 1] = Value::NULL;
        if dobj.index != 0 {
            let mask = dobj.index_cap - 1;
            let mut j = h & mask;
            let mut perturb = h;
            for _ in 0..=mask {
                let s = self.index_get(dobj.index, j);
                if s == i + 1 {
                    self.index_set(dobj.index, j, DELETED);
                    break;
                }
                if s == EMPTY {
                    break;
                }
                perturb >>= 5;
                j = (j.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
            }
        }
        let dm = self.heap.get_mut::<DictObj>(d);
        dm.len -= 1;
        if dm.len == 0 {
            // Reuse the table from the start.
            dm.used = 0;
            let index = dm.index;
            if index != 0 {
                self.heap.raw_mut(index).fill(0);
            }
        }
        self.root(v)
    }

    /// Remove everything.
    pub fn dict_clear(&mut self, dict: Value) {
        let Some(d) = self.dict_off(dict) else { return };
        let old = *self.heap.get::<DictObj>(d);
        for o in [old.entries, old.hashes, old.index] {
            if o != 0 {
                self.heap.free(o);
            }
        }
        let dm = self.heap.get_mut::<DictObj>(d);
        dm.len = 0;
        dm.used = 0;
        dm.cap = 0;
        dm.entries = 0;
        dm.hashes = 0;
        dm.index = 0;
        dm.index_cap = 0;
    }

    /// Live (key, value) pairs in order, copied out (the caller roots what it keeps).
    pub fn dict_items(&self, dict: Value) -> alloc::vec::Vec<(Value, Value)> {
        let Some(d) = self.dict_off(dict) else { return alloc::vec::Vec::new() };
        (0..self.dict_used(d)).map(|i| self.dict_entry(d, i)).filter(|(k, _)| !k.is_null()).collect()
    }

    /// Capacity of the entries buffer (for iterators' mutation checks).
    pub fn dict_cap(&self, d: u32) -> u32 {
        let e = self.heap.get::<DictObj>(d).entries;
        if e == 0 { 0 } else { self.heap.get::<ArrayHdr>(e).cap / 2 }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::test_vm;
    use crate::value::Value;

    #[test]
    fn insert_lookup_delete_many_int_keys_keeps_order() {
        let mut vm = test_vm();
        let d = super::new_dict(&mut vm).unwrap();
        vm.root(d);
        for i in 0..500 {
            vm.dict_set(d, Value::small(i * 7), Value::small(i)).unwrap();
        }
        for i in 0..500 {
            assert_eq!(vm.dict_get(d, Value::small(i * 7)).unwrap(), Some(Value::small(i)));
        }
        assert_eq!(vm.dict_get(d, Value::small(3)).unwrap(), None);
        for i in (0..500).step_by(2) {
            assert!(vm.dict_remove(d, Value::small(i * 7)).unwrap().is_some());
        }
        assert_eq!(vm.dict_len(d), 250);
        let keys: alloc::vec::Vec<i32> =
            vm.dict_items(d).iter().map(|(k, _)| k.as_small().unwrap()).collect();
        let want: alloc::vec::Vec<i32> = (0..500).filter(|i| i % 2 == 1).map(|i| i * 7).collect();
        assert_eq!(keys, want);
        // Reinsert after deletes: goes to the end.
        vm.dict_set(d, Value::small(0), Value::small(-1)).unwrap();
        assert_eq!(vm.dict_items(d).last().unwrap().0, Value::small(0));
    }

    #[test]
    fn heap_str_and_interned_str_keys_are_the_same_key() {
        let mut vm = test_vm();
        let d = super::new_dict(&mut vm).unwrap();
        let k1 = vm.new_str("hello_key").unwrap();
        vm.dict_set(d, k1, Value::small(1)).unwrap();
        let q = vm.intern("hello_key");
        assert_eq!(vm.dict_get(d, Value::qstr(q)).unwrap(), Some(Value::small(1)));
        assert_eq!(vm.dict_get_str(d, q), Some(Value::small(1)));
        vm.dict_set(d, Value::qstr(q), Value::small(2)).unwrap();
        assert_eq!(vm.dict_len(d), 1);
    }
}

/// Fill `d` from a mapping or an iterable of pairs, then keyword arguments.
pub fn dict_fill(vm: &mut Vm, d: Value, src: Option<Value>, kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<()> {
    if let Some(s) = src {
        if vm.dict_off(s).is_some() && s.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Dict) {
            for (k, v) in vm.dict_items(s) {
                vm.dict_set(d, k, v)?;
            }
        } else if crate::runtime::getattr_opt(vm, s, q!("keys"))?.is_some() && !s.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::List) {
            let keys = crate::runtime::call_method(vm, s, q!("keys"), &[])?;
            for k in crate::runtime::collect_iter(vm, keys)? {
                let v = crate::runtime::getitem(vm, s, k)?;
                vm.dict_set(d, k, v)?;
            }
        } else {
            for item in crate::runtime::collect_iter(vm, s)? {
                let pair = crate::runtime::collect_iter(vm, item)?;
                if pair.len() != 2 {
                    return Err(vm.raise_fmt(
                        crate::types::TypeId::ValueError,
                        format_args!("dictionary update sequence element has length {}; 2 is required", pair.len()),
                    ));
                }
                vm.dict_set(d, pair[0], pair[1])?;
            }
        }
    }
    for &(k, v) in kw {
        vm.dict_set(d, Value::qstr(k), v)?;
    }
    Ok(())
}

fn dict_new_fn(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let d = new_dict(vm)?;
    dict_fill(vm, d, args.get(1).copied(), kw)?;
    Ok(d)
}

fn dict_init(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    dict_fill(vm, args[0], args.get(1).copied(), kw)?;
    Ok(Value::NONE)
}

fn dict_keys(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    super::set::new_view(vm, args[0], 0)
}
fn dict_values(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    super::set::new_view(vm, args[0], 1)
}
fn dict_items_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    super::set::new_view(vm, args[0], 2)
}
fn dict_get_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    Ok(vm.dict_get(args[0], args[1])?.unwrap_or(args.get(2).copied().unwrap_or(Value::NONE)))
}

/// `dict`.
pub static DICT_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "dict",
    base: Some(crate::types::TypeId::Object),
    locals: &[
        fun!(q!("keys"), dict_keys, 1, 1),
        fun!(q!("values"), dict_values, 1, 1),
        fun!(q!("items"), dict_items_m, 1, 1),
        fun!(q!("get"), dict_get_m, 2, 3),
        fun!(q!("__init__"), dict_init, 1, 2, kw),
    ],
    new: Some(dict_new_fn),
    subclassable: true,
};
