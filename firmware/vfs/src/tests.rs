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

fn write_file(fs: &mut Lfs, dev: &mut RamBlockDevice, path: &str, data: &[u8]) -> Result<()> {
    let f = fs.open(dev, path, OpenFlags::from_mode("wb").unwrap())?;
    let w = fs.write(dev, f, data);
    let c = fs.close(dev, f);
    w?;
    c
}

fn read_file(fs: &mut Lfs, dev: &mut RamBlockDevice, path: &str) -> Result<Vec<u8>> {
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
