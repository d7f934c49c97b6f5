//! Unit tests against a RAM block device.

use super::*;

fn fresh(blocks: u32) -> (Lfs, RamBlockDevice) {
    let mut dev = RamBlockDevice::new(4096, blocks);
    let mut fs = Lfs::new(&dev).unwrap();
    assert_eq!(fs.mount(&mut dev), Err(Error(errno::EIO)), "blank device does not mount");
    fs.format(&mut dev).unwrap();
    fs.mount(&mut dev).unwrap();
    (fs, dev)
}

fn write_file(fs: &mut Lfs, dev: &mut dyn BlockDevice, path: &str, data: &[u8]) -> Result<()> {
    let f = fs.open(dev, path, OpenFlags::from_mode("wb").unwrap())?;
    let w = fs.write(dev, f, data);
    let c = fs.close(dev, f);
    w?;
    c
}

fn read_file(fs: &mut Lfs, dev: &mut dyn BlockDevice, path: &str) -> Result<Vec<u8>> {
    let f = fs.open(dev, path, OpenFlags::from_mode("rb").unwrap())?;
    let mut out = Vec::new();
    let mut buf = [0u8; 100];
    loop {
        let n = fs.read(dev, f, &mut buf)?;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    fs.close(dev, f)?;
    Ok(out)
}

#[test]
fn modes_parse() {
    assert!(OpenFlags::from_mode("r").is_some_and(|f| f.read && !f.write));
    assert!(OpenFlags::from_mode("w+b").is_some_and(|f| f.read && f.write && f.trunc));
    assert!(OpenFlags::from_mode("ab").is_some_and(|f| f.append && !f.read));
    assert!(OpenFlags::from_mode("x").is_some_and(|f| f.excl));
    for bad in ["", "rw", "q", "r++", "b"] {
        assert!(OpenFlags::from_mode(bad).is_none(), "{bad}");
    }
}

#[test]
fn files_and_dirs() {
    let (mut fs, mut dev) = fresh(64);
    let d = &mut dev;
    write_file(&mut fs, d, "/a.txt", b"hello").unwrap();
    assert_eq!(read_file(&mut fs, d, "/a.txt").unwrap(), b"hello");
    assert_eq!(fs.stat(d, "/a.txt").unwrap(), Stat { is_dir: false, size: 5 });
    fs.mkdir(d, "/dir").unwrap();
    assert_eq!(fs.mkdir(d, "/dir"), Err(Error(errno::EEXIST)));
    write_file(&mut fs, d, "/dir/b", &[7u8; 10000]).unwrap();
    assert_eq!(read_file(&mut fs, d, "/dir/b").unwrap(), vec![7u8; 10000]);
    let names: Vec<String> = fs.list(d, "/").unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["a.txt", "dir"]);
    assert_eq!(fs.list(d, "/a.txt"), Err(Error(errno::ENOTDIR)));
    assert_eq!(fs.list(d, "/nope"), Err(Error(errno::ENOENT)));
    assert_eq!(fs.rmdir(d, "/dir"), Err(Error(errno::ENOTEMPTY)));
    assert_eq!(fs.rmdir(d, "/a.txt"), Err(Error(errno::ENOTDIR)));
    assert_eq!(fs.remove(d, "/dir"), Err(Error(errno::EISDIR)));
    assert_eq!(fs.open(d, "/dir", OpenFlags::from_mode("r").unwrap()), Err(Error(errno::EISDIR)));
    assert_eq!(fs.open(d, "/a.txt", OpenFlags::from_mode("x").unwrap()), Err(Error(errno::EEXIST)));
    assert_eq!(fs.open(d, "/zz", OpenFlags::from_mode("r").unwrap()), Err(Error(errno::ENOENT)));
    fs.rename(d, "/a.txt", "/dir/c.txt").unwrap();
    assert_eq!(fs.stat(d, "/a.txt"), Err(Error(errno::ENOENT)));
    fs.remove(d, "/dir/c.txt").unwrap();
    fs.remove(d, "/dir/b").unwrap();
    fs.rmdir(d, "/dir").unwrap();
    assert!(fs.list(d, "/").unwrap().is_empty());
    // Append and seek.
    write_file(&mut fs, d, "/s", b"0123456789").unwrap();
    let f = fs.open(d, "/s", OpenFlags::from_mode("r+").unwrap()).unwrap();
    assert_eq!(fs.seek(d, f, 4, 0).unwrap(), 4);
    fs.write(d, f, b"AB").unwrap();
    assert_eq!(fs.tell(d, f).unwrap(), 6);
    assert_eq!(fs.seek(d, f, -1, 2).unwrap(), 9);
    assert_eq!(fs.seek(d, f, -100, 0), Err(Error(errno::EINVAL)));
    fs.close(d, f).unwrap();
    assert_eq!(fs.close(d, f), Err(Error(errno::EBADF)));
    let f = fs.open(d, "/s", OpenFlags::from_mode("a").unwrap()).unwrap();
    fs.write(d, f, b"!").unwrap();
    fs.close(d, f).unwrap();
    assert_eq!(read_file(&mut fs, d, "/s").unwrap(), b"0123AB6789!");
    // Survives unmount/mount.
    fs.unmount(d);
    assert_eq!(fs.stat(d, "/s"), Err(Error(errno::ENODEV)));
    fs.mount(d).unwrap();
    assert_eq!(read_file(&mut fs, d, "/s").unwrap(), b"0123AB6789!");
    let v = fs.statvfs(d).unwrap();
    assert_eq!((v.bsize, v.blocks), (4096, 64));
    assert!(v.bfree > 50 && v.bfree < 64);
}

#[test]
fn uncommitted_writes_invisible_until_close() {
    let (mut fs, mut dev) = fresh(32);
    write_file(&mut fs, &mut dev, "/f", b"old").unwrap();
    let f = fs.open(&mut dev, "/f", OpenFlags::from_mode("w").unwrap()).unwrap();
    fs.write(&mut dev, f, &[b'n'; 9000]).unwrap();
    // "Power loss": remount a copy of the device as it is now.
    let mut copy = RamBlockDevice { data: dev.data.clone(), block_size: 4096 };
    let mut fs2 = Lfs::new(&copy).unwrap();
    fs2.mount(&mut copy).unwrap();
    assert_eq!(read_file(&mut fs2, &mut copy, "/f").unwrap(), b"old");
    fs.close(&mut dev, f).unwrap();
    assert_eq!(read_file(&mut fs, &mut dev, "/f").unwrap().len(), 9000);
}

#[test]
fn full_filesystem_keeps_old_content() {
    let (mut fs, mut dev) = fresh(16);
    let d = &mut dev;
    write_file(&mut fs, d, "/keep", b"precious").unwrap();
    // Fill the disk with one big new file: ENOSPC, and the new file is gone.
    assert_eq!(write_file(&mut fs, d, "/big", &vec![1u8; 200_000]), Err(Error(errno::ENOSPC)));
    assert_eq!(fs.stat(d, "/big"), Err(Error(errno::ENOENT)));
    // Overwriting an existing file that does not fit keeps its old content.
    assert_eq!(write_file(&mut fs, d, "/keep", &vec![2u8; 200_000]), Err(Error(errno::ENOSPC)));
    assert_eq!(read_file(&mut fs, d, "/keep").unwrap(), b"precious");
    // Still usable.
    write_file(&mut fs, d, "/small", b"ok").unwrap();
    assert_eq!(read_file(&mut fs, d, "/small").unwrap(), b"ok");
}

#[test]
fn bad_geometry_and_paths() {
    let dev = RamBlockDevice::new(100, 10);
    assert!(Lfs::new(&dev).is_err());
    let (mut fs, mut dev) = fresh(16);
    assert_eq!(fs.stat(&mut dev, "a\0b"), Err(Error(errno::EINVAL)));
    assert_eq!(fs.rmdir(&mut dev, "/"), Err(Error(errno::EINVAL)));
    let long = "x".repeat(300);
    assert_eq!(fs.open(&mut dev, &long, OpenFlags::from_mode("w").unwrap()), Err(Error(errno::ENAMETOOLONG)));
}

/// A RAM device that loses power after `budget` program/erase operations: the operation
/// that hits the cut is torn (only a prefix of a program lands, an erase leaves garbage),
/// and nothing after it reaches the flash.
struct CutDevice {
    ram: RamBlockDevice,
    budget: u64,
    rng: u64,
}

impl CutDevice {
    fn rand(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }
    fn tick(&mut self) -> bool {
        if self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        true
    }
}

impl BlockDevice for CutDevice {
    fn block_size(&self) -> u32 {
        self.ram.block_size
    }
    fn block_count(&self) -> u32 {
        self.ram.block_count()
    }
    fn read(&mut self, block: u32, off: u32, buf: &mut [u8]) -> core::result::Result<(), HalError> {
        self.ram.read(block, off, buf)
    }
    fn program(&mut self, block: u32, off: u32, data: &[u8]) -> core::result::Result<(), HalError> {
        if !self.tick() {
            return Err(HalError::Errno(errno::EIO));
        }
        if self.budget == 0 {
            let n = (self.rand() as usize) % (data.len() + 1);
            return self.ram.program(block, off, &data[..n]).and(Err(HalError::Errno(errno::EIO)));
        }
        self.ram.program(block, off, data)
    }
    fn erase(&mut self, block: u32) -> core::result::Result<(), HalError> {
        if !self.tick() {
            return Err(HalError::Errno(errno::EIO));
        }
        if self.budget == 0 {
            let junk = (self.rand() & 0xff) as u8;
            let bs = self.ram.block_size as usize;
            let start = block as usize * bs;
            if let Some(b) = self.ram.data.get_mut(start..start + bs / 2) {
                b.fill(junk);
            }
            return Err(HalError::Errno(errno::EIO));
        }
        self.ram.erase(block)
    }
}

fn content(i: usize, n: u32) -> Vec<u8> {
    let body = alloc::format!("{i}.{n};").repeat(10 + ((n as usize * 37 + i * 11) % 900));
    alloc::format!("F{i} V{n} L{}|{body}|END", body.len()).into_bytes()
}

fn valid(name: &str, data: &[u8]) -> bool {
    if data.is_empty() {
        return true; // created by an interrupted open, never committed
    }
    let s = core::str::from_utf8(data).unwrap_or("");
    let mut it = s.split(' ');
    let (Some(f), Some(v)) = (it.next(), it.next()) else { return false };
    let (Ok(i), Ok(n)) = (f[1..].parse::<usize>(), v.get(1..).unwrap_or("").parse::<u32>()) else { return false };
    data == content(i, n).as_slice() && (name == alloc::format!("f{i}") || name == alloc::format!("t{i}"))
}

/// Cut the power at every kind of moment (seeded), remount what reached the flash and
/// check every file holds one complete version and the sentinel survived.
#[test]
fn power_cut_at_random_operations() {
    extern crate std;
    let seed: u64 = std::env::var("UPY_VFS_CUT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9e37_79b9_7f4a_7c15);
    std::eprintln!("power_cut_at_random_operations: seed {seed}");
    let mut rng = seed | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut image = {
        let (mut fs, mut dev) = fresh(32);
        write_file(&mut fs, &mut dev, "/sentinel", b"mounted").unwrap();
        fs.unmount(&mut dev);
        dev.data
    };
    let mut versions = [0u32; 6];
    for round in 0..200 {
        let budget = 1 + next() % 400;
        let mut dev = CutDevice { ram: RamBlockDevice { data: image.clone(), block_size: 4096 }, budget, rng: next() | 1 };
        let mut fs = Lfs::new(&dev).unwrap();
        fs.mount(&mut dev).unwrap_or_else(|e| panic!("round {round} (seed {seed}): mount failed: {e:?}"));
        // Burst until the power goes.
        for _ in 0..1000 {
            let i = (next() % 6) as usize;
            versions[i] += 1;
            let n = versions[i];
            let (f, t) = (alloc::format!("/f{i}"), alloc::format!("/t{i}"));
            let r = match next() % 5 {
                0 | 1 => write_file(&mut fs, &mut dev, &f, &content(i, n)),
                2 => write_file(&mut fs, &mut dev, &t, &content(i, n)).and_then(|_| fs.rename(&mut dev, &t, &f)),
                3 => match fs.remove(&mut dev, &f) {
                    Err(Error(errno::ENOENT)) => Ok(()),
                    r => r,
                },
                _ => {
                    // Partial write, then overwrite in place through r+.
                    match fs.open(&mut dev, &f, OpenFlags::from_mode("r+").unwrap()) {
                        Ok(h) => {
                            let c = content(i, n);
                            let w = fs.truncate(&mut dev, h, 0).and_then(|_| fs.write(&mut dev, h, &c));
                            let cl = fs.close(&mut dev, h);
                            w.and(cl).map(|_| ())
                        }
                        Err(Error(errno::ENOENT)) => Ok(()),
                        Err(e) => Err(e),
                    }
                }
            };
            if r.is_err() {
                break;
            }
        }
        // What reached the flash must mount and be consistent.
        image = dev.ram.data.clone();
        let mut ram = RamBlockDevice { data: image.clone(), block_size: 4096 };
        let mut fs2 = Lfs::new(&ram).unwrap();
        fs2.mount(&mut ram).unwrap_or_else(|e| panic!("round {round} (seed {seed}, budget {budget}): image does not mount: {e:?}"));
        assert_eq!(read_file(&mut fs2, &mut ram, "/sentinel").unwrap(), b"mounted", "round {round} (seed {seed})");
        for e in fs2.list(&mut ram, "/").unwrap() {
            if e.name == "sentinel" {
                continue;
            }
            let data = read_file(&mut fs2, &mut ram, &alloc::format!("/{}", e.name)).unwrap();
            assert!(valid(&e.name, &data), "round {round} (seed {seed}, budget {budget}): {} holds {:?}", e.name, String::from_utf8_lossy(&data[..data.len().min(60)]));
        }
        fs2.unmount(&mut ram);
    }
}
