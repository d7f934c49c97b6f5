import os, io, struct, micropython
SEEK_SET = 0
class RemoteCommand:
 def __init__(self):
  import select, sys
  self.b4 = bytearray(4)
  self.fout = sys.stdout.buffer
  self.fin = sys.stdin.buffer
  self.poller = select.poll()
  self.poller.register(self.fin, select.POLLIN)
 def poll_in(self):
  for _ in self.poller.ipoll(1000):
   return
  self.end()
  raise Exception('timeout waiting for remote')
 def rd(self, n):
  buf = bytearray(n)
  self.rinto(buf, n)
  return buf
 def rinto(self, buf, n):
  if n == 0:
   return
  self.poll_in()
  r = self.fin.readinto(buf, n)
  if r < n:
   mv = memoryview(buf)
   while r < n:
    self.poll_in()
    r += self.fin.readinto(mv[r:], n - r)
 def begin(self, type):
  micropython.kbd_intr(-1)
  b4 = self.b4
  b4[0] = 0x18
  b4[1] = type
  self.fout.write(b4, 2)
  for i in range(30):
   self.poller.poll(1000)
   self.fin.readinto(b4, 1)
   if b4[0] == 0x18:
    break
 def end(self):
  micropython.kbd_intr(3)
 def rs8(self):
  self.rinto(self.b4, 1)
  n = self.b4[0]
  if n & 0x80:
   n -= 0x100
  return n
 def rs32(self):
  b4 = self.b4
  self.rinto(b4, 4)
  n = b4[0] | b4[1] << 8 | b4[2] << 16 | b4[3] << 24
  if b4[3] & 0x80:
   n -= 0x100000000
  return n
 def ru32(self):
  b4 = self.b4
  self.rinto(b4, 4)
  return b4[0] | b4[1] << 8 | b4[2] << 16 | b4[3] << 24
 def rbytes(self, buf):
  n = self.rs32()
  if buf is None:
   ret = buf = bytearray(n)
  else:
   ret = n
  self.rinto(buf, n)
  return ret
 def rstr(self):
  n = self.rs32()
  if n == 0:
   return ''
  else:
   return str(self.rd(n), 'utf8')
 def ws8(self, i):
  self.b4[0] = i
  self.fout.write(self.b4, 1)
 def ws32(self, i):
  struct.pack_into('<i', self.b4, 0, i)
  self.fout.write(self.b4)
 def wbytes(self, b):
  if isinstance(b, str):
   b = bytes(b, "utf8")
  self.ws32(self.buffer_nbytes(b))
  self.fout.write(b)
 wstr = wbytes
 def buffer_nbytes(self, obj):
  if isinstance(obj, (str, bytes, bytearray)):
   return len(obj)
  mv = memoryview(obj)
  if hasattr(mv, "itemsize"):
   return len(mv) * mv.itemsize
  return len(bytes(obj))
class RemoteFile(io.IOBase):
 def __init__(self, cmd, fd, is_text):
  self.cmd = cmd
  self.fd = fd
  self.is_text = is_text
 def __enter__(self):
  return self
 def __exit__(self, a, b, c):
  self.close()
 def __iter__(self):
  return self
 def __next__(self):
  l = self.readline()
  if not l:
   raise StopIteration
  return l
 def ioctl(self, request, arg):
  if request == 1:
   self.flush()
  elif request == 2:
   import machine
   machine.mem32[arg] = self.seek(machine.mem32[arg], machine.mem32[arg + 4])
  elif request == 4:
   self.close()
  elif request == 11:
   return 249
  else:
   return -1
  return 0
 def flush(self):
  pass
 def close(self):
  if self.fd is None:
   return
  c = self.cmd
  c.begin(5)
  c.ws8(self.fd)
  c.end()
  self.fd = None
 def read(self, n=-1):
  c = self.cmd
  c.begin(6)
  c.ws8(self.fd)
  c.ws32(n)
  data = c.rbytes(None)
  c.end()
  if self.is_text:
   data = str(data, 'utf8')
  else:
   data = bytes(data)
  return data
 def readinto(self, buf):
  c = self.cmd
  c.begin(6)
  c.ws8(self.fd)
  c.ws32(c.buffer_nbytes(buf))
  n = c.rbytes(buf)
  c.end()
  return n
 def readline(self):
  c = self.cmd
  c.begin(7)
  c.ws8(self.fd)
  data = c.rbytes(None)
  c.end()
  if self.is_text:
   data = str(data, 'utf8')
  else:
   data = bytes(data)
  return data
 def readlines(self):
  ls = []
  while 1:
   l = self.readline()
   if not l:
    return ls
   ls.append(l)
 def write(self, buf):
  c = self.cmd
  c.begin(8)
  c.ws8(self.fd)
  c.wbytes(buf)
  n = c.rs32()
  c.end()
  return n
 def seek(self, n, whence=SEEK_SET):
  c = self.cmd
  c.begin(9)
  c.ws8(self.fd)
  c.ws32(n)
  c.ws8(whence)
  n = c.rs32()
  c.end()
  if n < 0:
   raise OSError(n)
  return n
class RemoteFS:
 def __init__(self, cmd):
  self.cmd = cmd
 def _abspath(self, path):
  return path if path.startswith("/") else self.path + path
 def mount(self, readonly, mkfs):
  pass
 def umount(self):
  pass
 def chdir(self, path):
  if not path.startswith("/"):
   path = self.path + path
  if not path.endswith("/"):
   path += "/"
  if path != "/":
   self.stat(path)
  self.path = path
 def getcwd(self):
  return self.path
 def remove(self, path):
  c = self.cmd
  c.begin(10)
  c.wstr(self._abspath(path))
  res = c.rs32()
  c.end()
  if res < 0:
   raise OSError(-res)
 def rename(self, old, new):
  c = self.cmd
  c.begin(11)
  c.wstr(self._abspath(old))
  c.wstr(self._abspath(new))
  res = c.rs32()
  c.end()
  if res < 0:
   raise OSError(-res)
 def mkdir(self, path):
  c = self.cmd
  c.begin(12)
  c.wstr(self._abspath(path))
  res = c.rs32()
  c.end()
  if res < 0:
   raise OSError(-res)
 def rmdir(self, path):
  c = self.cmd
  c.begin(13)
  c.wstr(self._abspath(path))
  res = c.rs32()
  c.end()
  if res < 0:
   raise OSError(-res)
 def stat(self, path):
  c = self.cmd
  c.begin(1)
  c.wstr(self._abspath(path))
  res = c.rs8()
  if res < 0:
   c.end()
   raise OSError(-res)
  mode = c.ru32()
  size = c.ru32()
  atime = c.ru32()
  mtime = c.ru32()
  ctime = c.ru32()
  c.end()
  return mode, 0, 0, 0, 0, 0, size, atime, mtime, ctime
 def ilistdir(self, path):
  c = self.cmd
  c.begin(2)
  c.wstr(self._abspath(path))
  res = c.rs8()
  c.end()
  if res < 0:
   raise OSError(-res)
  def next():
   while True:
    c.begin(3)
    name = c.rstr()
    if name:
     type = c.ru32()
     c.end()
     yield (name, type, 0)
    else:
     c.end()
     break
  return next()
 def open(self, path, mode):
  c = self.cmd
  c.begin(4)
  c.wstr(self._abspath(path))
  c.wstr(mode)
  fd = c.rs8()
  c.end()
  if fd < 0:
   raise OSError(-fd)
  return RemoteFile(c, fd, mode.find('b') == -1)
def __mount():
 os.mount(RemoteFS(RemoteCommand()), '/remote')
 os.chdir('/remote')
