//! `dict` (and the table behind `set`): a compact, insertion-ordered hash table.
//!
//! Entries live in a ValArray of (key, value) pairs in insertion order, with their hashes
//! in a parallel RawBuf; a deleted entry has a NULL key. Tables of more than 8 entries
//! also have an open-addressing index (CPython's probe sequence) mapping hash to entry.

use super::{ArrayHdr, DictObj, Kind};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

const SMALL: u32 = 8;
const EMPTY: u32 = 0;
const DELETED: u32 = u32::MAX;

/// The bit of a dict's key filter (`Vm::dict_may_have_str`) for qstr key `q`.
#[inline(always)]
pub(crate) fn name_bloom(q: crate::qstr::Qstr) -> u16 {
    1 << (q.0.wrapping_mul(0x9E37_79B1) >> 28)
}

/// The bit of `Vm::inst_keys` for qstr `q`.
#[inline(always)]
fn inst_key_bit(q: crate::qstr::Qstr) -> usize {
    (q.0.wrapping_mul(0x9E37_79B1) >> (32 - crate::vm::INST_KEY_BITS_LOG2)) as usize
}

/// A new empty dict.
pub fn new_dict(vm: &mut Vm) -> PyResult<Value> {
    let off = vm.alloc(Kind::Dict, core::mem::size_of::<DictObj>())?;
    Ok(Value::obj(off))
}

/// A new empty dict for an object's `__dict__` (flagged `DICT_INSTANCE`).
pub fn new_instance_dict(vm: &mut Vm) -> PyResult<Value> {
    let off = vm.alloc(Kind::Dict, core::mem::size_of::<DictObj>())?;
    vm.heap.get_mut::<DictObj>(off).h.flags |= super::DICT_INSTANCE;
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
    #[inline(always)]
    pub fn dict_off(&self, v: Value) -> Option<u32> {
        let off = v.as_obj()?;
        match self.heap.kind(off) {
            Kind::Dict | Kind::Set => Some(off),
            Kind::Instance => self.subclass_dict_off(off),
            _ => None,
        }
    }

    /// `dict_off` of an instance of a dict/set subclass (kept out of line: the common
    /// case is a plain dict).
    #[inline(never)]
    fn subclass_dict_off(&self, inst: u32) -> Option<u32> {
        self.dict_off(self.heap.get::<super::InstObj>(inst).native)
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

    /// Find the entry index of `key` with hash `h`. Comparisons may run Python code
    /// that mutates the table; the lookup then starts over (as CPython).
    fn dict_find(&mut self, d: u32, key: Value, h: u32) -> PyResult<Option<u32>> {
        let fast_only = key.is_small() || key.as_qstr().is_some();
        'restart: loop {
            let dobj = *self.heap.get::<DictObj>(d);
            if dobj.index == 0 {
                let used = dobj.used as usize;
                // Identity pass first: most lookups are interned names or small ints.
                let vals = self.heap.vals(dobj.entries);
                let ents = vals.get(..used * 2).unwrap_or(vals);
                if let Some(i) = ents.chunks_exact(2).position(|e| e[0] == key) {
                    return Ok(Some(i as u32));
                }
                // Then equality, in entry order, for entries with the same hash. An
                // interned str or small int key can only equal a heap key other than
                // itself (a heap str, a float), so other immediates are skipped without
                // looking at their hashes.
                let mut i = 0usize;
                loop {
                    let cand = {
                        let vals = self.heap.vals(dobj.entries);
                        let hs = self.heap.raw(dobj.hashes);
                        let n = used.min(vals.len() / 2).min(hs.len() / 4);
                        let mut cand = None;
                        while i < n {
                            let k = vals[2 * i];
                            if k == key {
                                return Ok(Some(i as u32));
                            }
                            if !k.is_null() && (!fast_only || k.is_obj()) {
                                let eh = u32::from_le_bytes([hs[4 * i], hs[4 * i + 1], hs[4 * i + 2], hs[4 * i + 3]]);
                                if eh == h {
                                    cand = Some(k);
                                    break;
                                }
                            }
                            i += 1;
                        }
                        cand
                    };
                    let Some(k) = cand else { return Ok(None) };
                    let same = match self.str_keys_eq(k, key) {
                        Some(same) => same,
                        None => {
                            let same = runtime::eq(self, k, key)?;
                            if self.heap.get::<DictObj>(d).entries != dobj.entries || self.dict_entry(d, i as u32).0 != k {
                                continue 'restart;
                            }
                            same
                        }
                    };
                    if same {
                        return Ok(Some(i as u32));
                    }
                    i += 1;
                }
            }
            let mask = dobj.index_cap - 1;
            let index = dobj.index;
            let mut i = h & mask;
            let mut perturb = h;
            // The probe sequence visits every slot within index_cap + 8 steps and the
            // index always has an empty slot, so this bound is never reached.
            for _ in 0..dobj.index_cap + 8 {
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
                    {
                        let same = match self.str_keys_eq(k, key) {
                            Some(same) => same,
                            None => {
                                let same = runtime::eq(self, k, key)?;
                                let now = self.heap.get::<DictObj>(d);
                                if now.entries != dobj.entries || now.index != index || self.dict_entry(d, e).0 != k {
                                    continue 'restart;
                                }
                                same
                            }
                        };
                        if same {
                            return Ok(Some(e));
                        }
                    }
                }
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
            }
            return Ok(None);
        }
    }

    /// Equality of two keys that are both exactly str (interned or heap, not a subclass
    /// instance, whose `__eq__` may be overridden): their texts compared, no Python
    /// code. None when either is something else.
    #[inline]
    fn str_keys_eq(&self, a: Value, b: Value) -> Option<bool> {
        let ta = self.exact_str_bytes(a)?;
        let tb = self.exact_str_bytes(b)?;
        Some(ta == tb)
    }

    /// The bytes of an exact str (interned, or a heap `Kind::Str`).
    #[inline]
    fn exact_str_bytes(&self, v: Value) -> Option<&[u8]> {
        if let Some(q) = v.as_qstr() {
            return Some(self.qstrs.get(q).as_bytes());
        }
        let off = v.as_obj()?;
        if self.heap.kind(off) != Kind::Str {
            return None;
        }
        let len = self.heap.get::<super::StrObj>(off).len as usize;
        Some(self.heap.bytes_at(off, super::STR_DATA, len))
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
        for _ in 0..mask + 9 {
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

    /// `runtime::hash(key)`, with the common key types (interned and heap str, small
    /// int) inline.
    #[inline(always)]
    pub(crate) fn key_hash(&mut self, key: Value) -> PyResult<u32> {
        if let Some(q) = key.as_qstr() {
            return Ok(self.qstrs.hash(q));
        }
        if let Some(i) = key.as_small() {
            return Ok(if i == -1 { -2i32 as u32 } else { i as u32 });
        }
        if let Some(off) = key.as_obj() {
            if self.heap.kind(off) == Kind::Str {
                return Ok(self.heap.get::<super::StrObj>(off).hash);
            }
        }
        runtime::hash(self, key)
    }

    /// `d[key]`, or None when missing.
    pub fn dict_get(&mut self, dict: Value, key: Value) -> PyResult<Option<Value>> {
        let Some(d) = self.dict_off(dict) else { return Ok(None) };
        let h = self.key_hash(key)?;
        if self.heap.get::<DictObj>(d).len == 0 {
            return Ok(None);
        }
        Ok(self.dict_find(d, key, h)?.map(|i| self.dict_entry(d, i).1))
    }

    /// May dict `d` (a `Kind::Dict` table) have a key equal to `name`? False is a proof of
    /// absence: a dict's `h.aux` is a 16-bit filter with `name_bloom(q)` set for every qstr
    /// key ever added (and every bit for any other key, since a heap str matches a qstr of
    /// the same text), cleared only when the dict is emptied by `dict_clear`; for an
    /// instance dict `Vm::inst_keys` is a second, VM-wide filter. Every key enters through
    /// `dict_append`, which maintains both.
    #[inline(always)]
    pub(crate) fn dict_may_have_str(&self, d: u32, name: crate::qstr::Qstr) -> bool {
        let h = self.heap.get::<DictObj>(d).h;
        h.aux & name_bloom(name) != 0 && (h.flags & super::DICT_INSTANCE == 0 || self.inst_key_may_exist(name))
    }

    /// Note key `key` entering an instance dict in `Vm::inst_keys`.
    #[inline]
    fn note_inst_key(&mut self, key: Value) {
        match key.as_qstr() {
            Some(q) => {
                let b = inst_key_bit(q);
                self.inst_keys[b / 32] |= 1 << (b % 32);
            }
            None => self.inst_keys = [u32::MAX; crate::vm::INST_KEY_WORDS],
        }
    }

    /// Could any instance dict have (or have had) a key equal to `name`? False proves that
    /// no instance dict holds it (see `Vm::inst_keys`).
    #[inline(always)]
    pub(crate) fn inst_key_may_exist(&self, name: crate::qstr::Qstr) -> bool {
        let b = inst_key_bit(name);
        self.inst_keys[b / 32] & (1 << (b % 32)) != 0
    }

    /// The value of entry `idx` of dict table `d` if that entry is live and its key is the
    /// qstr `name` (the check behind `Vm::attr_cache` hits).
    #[inline(always)]
    pub(crate) fn dict_entry_if(&self, d: u32, idx: u32, name: crate::qstr::Qstr) -> Option<Value> {
        let dobj = self.heap.get::<DictObj>(d);
        if idx >= dobj.used {
            return None;
        }
        let (k, v) = self.dict_entry(d, idx);
        (k == Value::qstr(name)).then_some(v)
    }

    /// Overwrite the value of entry `idx` (live, `idx < used`) of dict table `d`.
    #[inline(always)]
    pub(crate) fn dict_set_entry_value(&mut self, d: u32, idx: u32, v: Value) {
        let e = self.heap.get::<DictObj>(d).entries;
        if let Some(s) = self.heap.vals_mut(e).get_mut(idx as usize * 2 + 1) {
            *s = v;
        }
    }

    /// Give the empty dict table `d` room for `cap` entries.
    pub(crate) fn dict_reserve_empty(&mut self, d: u32, cap: u32) -> PyResult<()> {
        if self.heap.get::<DictObj>(d).cap < cap {
            self.dict_resize(d, cap)?;
        }
        Ok(())
    }

    /// Add qstr key `name` (known to be absent: `dict_find_str` found nothing) with value
    /// `v` to dict table `d`; returns the new entry's index.
    pub(crate) fn dict_append_str(&mut self, d: u32, name: crate::qstr::Qstr, v: Value) -> PyResult<u32> {
        let h = self.qstrs.hash(name);
        self.dict_append(d, Value::qstr(name), v, h)?;
        Ok(self.dict_used(d) - 1)
    }

    /// Lookup by interned name without any Python-level calls (namespaces).
    #[inline]
    pub fn dict_get_str(&self, dict: Value, name: crate::qstr::Qstr) -> Option<Value> {
        self.dict_find_str(dict, name).map(|(_, v)| v)
    }

    /// Lookup by interned name: (entry index, value). Heap str keys with the same text
    /// match too.
    pub fn dict_find_str(&self, dict: Value, name: crate::qstr::Qstr) -> Option<(u32, Value)> {
        let d = self.dict_off(dict)?;
        let dobj = self.heap.get::<DictObj>(d);
        let key = Value::qstr(name);
        if dobj.index == 0 {
            let vals = self.heap.vals(dobj.entries);
            let entries = vals.get(..dobj.used as usize * 2).unwrap_or(vals);
            let mut heap_keys = false;
            for (i, e) in entries.chunks_exact(2).enumerate() {
                if e[0] == key {
                    return Some((i as u32, e[1]));
                }
                heap_keys |= e[0].is_obj();
            }
            // A heap str with the same text.
            if heap_keys {
                for (i, e) in entries.chunks_exact(2).enumerate() {
                    if e[0].is_obj() && self.str_of(e[0]) == Some(self.qstrs.get(name)) {
                        return Some((i as u32, e[1]));
                    }
                }
            }
            return None;
        }
        let h = self.qstrs.hash(name);
        let mask = dobj.index_cap - 1;
        let index = dobj.index;
        let mut i = h & mask;
        let mut perturb = h;
        for _ in 0..mask + 9 {
            let slot = self.index_get(index, i);
            if slot == EMPTY {
                return None;
            }
            if slot != DELETED {
                let (k, v) = self.dict_entry(d, slot - 1);
                if k == key || (k.is_obj() && self.str_of(k) == Some(self.qstrs.get(name))) {
                    return Some((slot - 1, v));
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        None
    }

    /// A class namespace or module globals dict gains or loses keys: cached lookups
    /// (`Vm::type_cache`) may be stale.
    #[inline]
    fn note_key_change(&mut self, d: u32) {
        if self.heap.get::<DictObj>(d).h.flags & super::DICT_NAMESPACE != 0 {
            self.flush_type_cache();
        }
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, dict: Value, key: Value, value: Value) -> PyResult<()> {
        let Some(d) = self.dict_off(dict) else { return Ok(()) };
        let h = self.key_hash(key)?;
        self.dict_set_h(d, key, value, h)
    }

    /// `d[key] = value` with the key's hash already known.
    pub fn dict_set_h(&mut self, d: u32, key: Value, value: Value, h: u32) -> PyResult<()> {
        if let Some(i) = self.dict_find(d, key, h)? {
            let e = self.heap.get::<DictObj>(d).entries;
            self.heap.vals_mut(e)[i as usize * 2 + 1] = value;
            return Ok(());
        }
        self.dict_append(d, key, value, h)
    }

    /// Add an entry for a key known to be absent.
    fn dict_append(&mut self, d: u32, key: Value, value: Value, h: u32) -> PyResult<()> {
        self.note_key_change(d);
        let dobj = self.heap.get::<DictObj>(d);
        if dobj.used >= dobj.cap {
            let len = dobj.len;
            let newcap = if len < dobj.used / 2 { dobj.cap } else { (dobj.cap * 2).max(4) };
            self.dict_resize(d, newcap.max(len + 1))?;
        }
        let dobj = self.heap.get_mut::<DictObj>(d);
        let mut instance = false;
        if dobj.h.kind == Kind::Dict as u8 {
            dobj.h.aux |= key.as_qstr().map_or(u16::MAX, name_bloom);
            instance = dobj.h.flags & super::DICT_INSTANCE != 0;
        }
        if instance {
            self.note_inst_key(key);
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

    /// Stored hash of live entry `i`.
    pub fn dict_entry_hash(&self, d: u32, i: u32) -> u32 {
        self.entry_hash(d, i)
    }

    /// Look up `key` whose hash is known: (entry index, value).
    pub fn dict_lookup_h(&mut self, d: u32, key: Value, h: u32) -> PyResult<Option<(u32, Value)>> {
        if self.heap.get::<DictObj>(d).len == 0 {
            return Ok(None);
        }
        Ok(self.dict_find(d, key, h)?.map(|i| (i, self.dict_entry(d, i).1)))
    }

    /// Copy every entry of `src` into the empty table `dst` (hashes reused, no lookups);
    /// `value`: the value to store for every key instead of the source's (sets).
    pub fn dict_copy_into(&mut self, dst: u32, src: u32, value: Option<Value>) -> PyResult<()> {
        let n = self.heap.get::<DictObj>(src).len;
        if n > 0 {
            self.dict_resize(dst, n)?;
        }
        let used = self.dict_used(src);
        for i in 0..used {
            let (k, v) = self.dict_entry(src, i);
            if k.is_null() {
                continue;
            }
            let h = self.entry_hash(src, i);
            self.dict_append(dst, k, value.unwrap_or(v), h)?;
        }
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
        let h = self.key_hash(key)?;
        if self.heap.get::<DictObj>(d).len == 0 {
            return Ok(None);
        }
        let Some(i) = self.dict_find(d, key, h)? else { return Ok(None) };
        Ok(Some(self.dict_remove_entry(d, i)))
    }

    /// Remove entry `i` (live); returns its value (rooted).
    pub fn dict_remove_entry(&mut self, d: u32, i: u32) -> Value {
        self.note_key_change(d);
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
            for _ in 0..mask + 9 {
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
        if i + 1 == dm.used {
            // Drop trailing deleted entries (keeps popitem O(1)).
            let mut u = i;
            while u > 0 && self.dict_entry(d, u - 1).0.is_null() {
                u -= 1;
            }
            self.heap.get_mut::<DictObj>(d).used = u;
        }
        let dm = self.heap.get_mut::<DictObj>(d);
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
        self.note_key_change(d);
        let old = *self.heap.get::<DictObj>(d);
        for o in [old.entries, old.hashes, old.index] {
            if o != 0 {
                self.heap.free(o);
            }
        }
        let dm = self.heap.get_mut::<DictObj>(d);
        if dm.h.kind == Kind::Dict as u8 {
            dm.h.aux = 0;
        }
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

    /// Random inserts, updates and deletes against a model (an insertion-ordered Vec),
    /// crossing the small-table/indexed boundary and many resizes and compactions.
    #[test]
    fn churn_matches_an_ordered_model() {
        let mut vm = test_vm();
        let d = super::new_dict(&mut vm).unwrap();
        vm.root(d);
        let mut model: alloc::vec::Vec<(i32, i32)> = alloc::vec::Vec::new();
        let mut seed: u32 = 12345;
        let mut rnd = |n: u32| {
            seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
            (seed >> 8) % n
        };
        for step in 0..20000 {
            let range = if step < 10000 { 40 } else { 400 };
            let k = rnd(range) as i32 - 20;
            match rnd(3) {
                0 | 1 => {
                    vm.dict_set(d, Value::small(k), Value::small(step)).unwrap();
                    match model.iter_mut().find(|(mk, _)| *mk == k) {
                        Some(e) => e.1 = step,
                        None => model.push((k, step)),
                    }
                }
                _ => {
                    let got = vm.dict_remove(d, Value::small(k)).unwrap();
                    let pos = model.iter().position(|(mk, _)| *mk == k);
                    assert_eq!(got.is_some(), pos.is_some());
                    if let Some(p) = pos {
                        assert_eq!(got, Some(Value::small(model[p].1)));
                        model.remove(p);
                    }
                }
            }
            if step % 97 == 0 {
                let items: alloc::vec::Vec<(i32, i32)> = vm
                    .dict_items(d)
                    .iter()
                    .map(|(k, v)| (k.as_small().unwrap(), v.as_small().unwrap()))
                    .collect();
                assert_eq!(items, model);
                for probe in -25..25 {
                    let want = model.iter().find(|(mk, _)| *mk == probe).map(|e| Value::small(e.1));
                    assert_eq!(vm.dict_get(d, Value::small(probe)).unwrap(), want);
                }
            }
        }
        assert_eq!(vm.dict_len(d), model.len());
    }

    #[test]
    fn popitem_order_is_lifo_and_reinsertion_goes_last() {
        let mut vm = test_vm();
        let d = super::new_dict(&mut vm).unwrap();
        vm.root(d);
        for i in 0..30 {
            vm.dict_set(d, Value::small(i), Value::small(i)).unwrap();
        }
        let off = d.as_obj().unwrap();
        // Remove the last ten entries from the end: `used` shrinks with them.
        for i in (20..30).rev() {
            let used = vm.dict_used(off);
            let (k, _) = vm.dict_entry(off, used - 1);
            assert_eq!(k, Value::small(i));
            vm.dict_remove_entry(off, used - 1);
        }
        assert_eq!(vm.dict_used(off), 20);
        // Delete then reinsert a key from the middle: it moves to the end.
        vm.dict_remove(d, Value::small(5)).unwrap();
        vm.dict_set(d, Value::small(5), Value::small(-5)).unwrap();
        let keys: alloc::vec::Vec<i32> = vm.dict_items(d).iter().map(|(k, _)| k.as_small().unwrap()).collect();
        let mut want: alloc::vec::Vec<i32> = (0..20).filter(|&i| i != 5).collect();
        want.push(5);
        assert_eq!(keys, want);
        assert_eq!(vm.dict_get(d, Value::small(5)).unwrap(), Some(Value::small(-5)));
        // Emptying resets the table; it keeps working afterwards.
        for k in want {
            assert!(vm.dict_remove(d, Value::small(k)).unwrap().is_some());
        }
        assert_eq!(vm.dict_len(d), 0);
        assert_eq!(vm.dict_used(off), 0);
        vm.dict_set(d, Value::small(7), Value::small(7)).unwrap();
        assert_eq!(vm.dict_items(d), alloc::vec![(Value::small(7), Value::small(7))]);
    }

    #[test]
    fn set_table_and_copy_keep_members() {
        let mut vm = test_vm();
        let s = super::new_set(&mut vm, false).unwrap();
        vm.root(s);
        for i in 0..300 {
            crate::obj::set::set_add(&mut vm, s, Value::small(i % 150)).unwrap();
        }
        assert_eq!(vm.dict_len(s), 150);
        let f = super::new_set(&mut vm, true).unwrap();
        vm.root(f);
        let (fo, so) = (f.as_obj().unwrap(), s.as_obj().unwrap());
        vm.dict_copy_into(fo, so, Some(Value::NONE)).unwrap();
        assert_eq!(vm.dict_len(f), 150);
        for i in 0..150 {
            assert_eq!(vm.dict_get(f, Value::small(i)).unwrap(), Some(Value::NONE));
        }
        assert_eq!(vm.dict_get(f, Value::small(150)).unwrap(), None);
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

type Kw<'a> = &'a [(Qstr, Value)];

fn is_exact_dict(vm: &Vm, v: Value) -> bool {
    v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Dict)
}

/// Merge the items of the dict table `src` into `d` (re-reading `src` by index, since
/// key comparisons may run Python code).
fn merge_table(vm: &mut Vm, d: Value, src: u32) -> PyResult<()> {
    let Some(dd) = vm.dict_off(d) else { return Ok(()) };
    if dd == src {
        return Ok(());
    }
    if vm.heap.get::<DictObj>(dd).len == 0 {
        return vm.dict_copy_into(dd, src, None);
    }
    let mut i = 0;
    while i < vm.dict_used(src) {
        let (k, v) = vm.dict_entry(src, i);
        if !k.is_null() {
            let h = vm.dict_entry_hash(src, i);
            vm.dict_set_h(dd, k, v, h)?;
        }
        i += 1;
    }
    Ok(())
}

/// Add the items of an iterable of pairs to `d`.
pub fn fill_pairs(vm: &mut Vm, d: Value, src: Value) -> PyResult<()> {
    let it = runtime::iter(vm, src)?;
    vm.root(it);
    let mut n = 0usize;
    while let Some(item) = runtime::next(vm, it)? {
        vm.root(item);
        let (k, v) = match vm.tuple_items(item) {
            Some(&[k, v]) => (k, v),
            Some(t) => {
                let l = t.len();
                return Err(vm.raise_fmt(
                    TypeId::ValueError,
                    format_args!("dictionary update sequence element #{n} has length {l}; 2 is required"),
                ));
            }
            None => {
                let pair = match runtime::collect_iter(vm, item) {
                    Ok(p) => p,
                    Err(e) => {
                        if vm.exc_matches(vm.exc, TypeId::TypeError) {
                            vm.exc = Value::NULL;
                            return Err(vm.raise_fmt(
                                TypeId::TypeError,
                                format_args!("cannot convert dictionary update sequence element #{n} to a sequence"),
                            ));
                        }
                        return Err(e);
                    }
                };
                if pair.len() != 2 {
                    return Err(vm.raise_fmt(
                        TypeId::ValueError,
                        format_args!("dictionary update sequence element #{n} has length {}; 2 is required", pair.len()),
                    ));
                }
                (pair[0], pair[1])
            }
        };
        vm.dict_set(d, k, v)?;
        n += 1;
    }
    Ok(())
}

/// Fill `d` from a mapping or an iterable of pairs, then keyword arguments.
pub fn dict_fill(vm: &mut Vm, d: Value, src: Option<Value>, kw: Kw) -> PyResult<()> {
    if let Some(s) = src {
        if is_exact_dict(vm, s) {
            merge_table(vm, d, s.as_obj().unwrap_or(0))?;
        } else if runtime::getattr_opt(vm, s, q!("keys"))?.is_some() {
            // Values returned by Python code are rooted before anything else allocates.
            let keys = runtime::call_method(vm, s, q!("keys"), &[])?;
            vm.root(keys);
            let it = runtime::iter(vm, keys)?;
            vm.root(it);
            while let Some(k) = runtime::next(vm, it)? {
                vm.root(k);
                let v = runtime::getitem(vm, s, k)?;
                vm.root(v);
                vm.dict_set(d, k, v)?;
            }
        } else {
            fill_pairs(vm, d, s)?;
        }
    }
    for &(k, v) in kw {
        vm.dict_set(d, Value::qstr(k), v)?;
    }
    Ok(())
}

fn dict_new_fn(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("dict expected at most 1 argument, got {}", args.len() - 1)));
    }
    let d = new_dict(vm)?;
    dict_fill(vm, d, args.get(1).copied(), kw)?;
    Ok(d)
}

/// The dict behind self (a dict or an instance of a dict subclass).
fn self_dict(vm: &mut Vm, v: Value, meth: &str) -> PyResult<Value> {
    let n = runtime::native_of(vm, v);
    if is_exact_dict(vm, n) {
        return Ok(n);
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("descriptor '{meth}' for 'dict' objects doesn't apply to a '{t}' object")))
}

fn dict_init(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__init__")?;
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("dict expected at most 1 argument, got {}", args.len() - 1)));
    }
    dict_fill(vm, d, args.get(1).copied(), kw)?;
    Ok(Value::NONE)
}

fn dict_keys(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "keys")?;
    super::set::new_view(vm, d, 0)
}
fn dict_values(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "values")?;
    super::set::new_view(vm, d, 1)
}
fn dict_items_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "items")?;
    super::set::new_view(vm, d, 2)
}
fn dict_get_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "get")?;
    Ok(vm.dict_get(d, args[1])?.unwrap_or(args.get(2).copied().unwrap_or(Value::NONE)))
}

fn dict_pop(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "pop")?;
    match vm.dict_remove(d, args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(&dflt) => Ok(dflt),
            None => Err(vm.raise_with(TypeId::KeyError, args[1])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "popitem")?;
    let off = d.as_obj().unwrap_or(0);
    let mut i = vm.dict_used(off);
    while i > 0 {
        i -= 1;
        let (k, _) = vm.dict_entry(off, i);
        if k.is_null() {
            continue;
        }
        vm.root(k);
        let v = vm.dict_remove_entry(off, i);
        return super::tuple::new_tuple(vm, &[k, v]);
    }
    Err(vm.raise(TypeId::KeyError, "popitem(): dictionary is empty"))
}

fn dict_setdefault(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "setdefault")?;
    let dflt = args.get(2).copied().unwrap_or(Value::NONE);
    let off = d.as_obj().unwrap_or(0);
    let h = runtime::hash(vm, args[1])?;
    if let Some((_, v)) = vm.dict_lookup_h(off, args[1], h)? {
        return Ok(v);
    }
    vm.dict_set_h(off, args[1], dflt, h)?;
    Ok(dflt)
}

fn dict_update(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "update")?;
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("update expected at most 1 argument, got {}", args.len() - 1)));
    }
    dict_fill(vm, d, args.get(1).copied(), kw)?;
    Ok(Value::NONE)
}

/// A plain dict copy of the dict table behind `d`.
pub fn copy_dict(vm: &mut Vm, d: Value) -> PyResult<Value> {
    let src = vm.dict_off(d).unwrap_or(0);
    let r = new_dict(vm)?;
    if src != 0 {
        vm.dict_copy_into(r.as_obj().unwrap_or(0), src, None)?;
    }
    Ok(r)
}

fn dict_copy(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "copy")?;
    copy_dict(vm, d)
}

fn dict_clear_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "clear")?;
    vm.dict_clear(d);
    Ok(Value::NONE)
}

fn dict_fromkeys(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let cls = args[0];
    let value = args.get(2).copied().unwrap_or(Value::NONE);
    let d = crate::call::call(vm, cls, &[], &[])?;
    vm.root(d);
    let plain = is_exact_dict(vm, d);
    let it = runtime::iter(vm, args[1])?;
    vm.root(it);
    while let Some(k) = runtime::next(vm, it)? {
        vm.root(k);
        if plain {
            vm.dict_set(d, k, value)?;
        } else {
            runtime::setitem(vm, d, k, value)?;
        }
    }
    Ok(d)
}

fn dict_len_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__len__")?;
    Ok(Value::small(vm.dict_len(d) as i32))
}

fn dict_contains_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__contains__")?;
    Ok(Value::bool(vm.dict_get(d, args[1])?.is_some()))
}

fn dict_getitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__getitem__")?;
    if let Some(v) = vm.dict_get(d, args[1])? {
        return Ok(v);
    }
    if args[0] != d && runtime::has_dunder(vm, args[0], q!("__missing__"))? {
        if let Some(r) = runtime::call_dunder(vm, args[0], q!("__missing__"), &[args[1]])? {
            return Ok(r);
        }
    }
    Err(vm.raise_with(TypeId::KeyError, args[1]))
}

fn dict_setitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__setitem__")?;
    vm.dict_set(d, args[1], args[2])?;
    Ok(Value::NONE)
}

fn dict_delitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__delitem__")?;
    if vm.dict_remove(d, args[1])?.is_none() {
        return Err(vm.raise_with(TypeId::KeyError, args[1]));
    }
    Ok(Value::NONE)
}

fn dict_iter_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__iter__")?;
    runtime::iter(vm, d)
}

fn dict_reversed_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__reversed__")?;
    super::iter::reversed_dict(vm, d, 0)
}

fn dict_cmp_m(vm: &mut Vm, args: &[Value], eq: bool) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__eq__")?;
    let o = runtime::native_of(vm, args[1]);
    if !is_exact_dict(vm, o) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let r = super::set::dict_eq(vm, d, o)?;
    Ok(Value::bool(r == eq))
}

fn dict_eq_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    dict_cmp_m(vm, args, true)
}
fn dict_ne_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    dict_cmp_m(vm, args, false)
}

fn dict_or_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__or__")?;
    let o = runtime::native_of(vm, args[1]);
    super::set::dict_or(vm, false, d, o)
}

fn dict_ror_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__ror__")?;
    let o = runtime::native_of(vm, args[1]);
    if !is_exact_dict(vm, o) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    super::set::dict_or(vm, false, o, d)
}

fn dict_ior_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let d = self_dict(vm, args[0], "__ior__")?;
    dict_fill(vm, d, Some(args[1]), &[])?;
    Ok(args[0])
}

/// `dict`.
pub static DICT_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "dict",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("keys"), dict_keys, 1, 1),
        fun!(q!("values"), dict_values, 1, 1),
        fun!(q!("items"), dict_items_m, 1, 1),
        fun!(q!("get"), dict_get_m, 2, 3),
        fun!(q!("pop"), dict_pop, 2, 3),
        fun!(q!("popitem"), dict_popitem, 1, 1),
        fun!(q!("setdefault"), dict_setdefault, 2, 3),
        fun!(q!("update"), dict_update, 1, crate::types::VAR, kw),
        fun!(q!("copy"), dict_copy, 1, 1),
        fun!(q!("clear"), dict_clear_m, 1, 1),
        classfun!(q!("fromkeys"), dict_fromkeys, 2, 3),
        fun!(q!("__init__"), dict_init, 1, crate::types::VAR, kw),
        fun!(q!("__len__"), dict_len_m, 1, 1),
        fun!(q!("__contains__"), dict_contains_m, 2, 2),
        fun!(q!("__getitem__"), dict_getitem_m, 2, 2),
        fun!(q!("__setitem__"), dict_setitem_m, 3, 3),
        fun!(q!("__delitem__"), dict_delitem_m, 2, 2),
        fun!(q!("__iter__"), dict_iter_m, 1, 1),
        fun!(q!("__reversed__"), dict_reversed_m, 1, 1),
        fun!(q!("__eq__"), dict_eq_m, 2, 2),
        fun!(q!("__ne__"), dict_ne_m, 2, 2),
        fun!(q!("__or__"), dict_or_m, 2, 2),
        fun!(q!("__ror__"), dict_ror_m, 2, 2),
        fun!(q!("__ior__"), dict_ior_m, 2, 2),
    ],
    new: Some(dict_new_fn),
    subclassable: true,
};
