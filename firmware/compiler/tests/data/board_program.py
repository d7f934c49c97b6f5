# A typical board program (written for upy's compiler memory test): a BME280-style
# sensor driver over I2C, a debounced button, a PID heater loop, a ring buffer of
# readings, a status LED and a JSON log line per second.
import time, json
from machine import Pin, I2C, PWM

_ADDR = 0x76
_REG_ID = 0xD0
_REG_CTRL = 0xF4
_REG_DATA = 0xF7


class Sensor:
    def __init__(self, i2c, addr=_ADDR):
        self.i2c = i2c
        self.addr = addr
        self.buf = bytearray(8)
        if self.read_reg(_REG_ID) != 0x60:
            raise OSError("sensor not found at 0x%02x" % addr)
        self.i2c.writeto_mem(addr, _REG_CTRL, b"\x27")
        self.t_fine = 0

    def read_reg(self, reg):
        self.i2c.readfrom_mem_into(self.addr, reg, memoryview(self.buf)[:1])
        return self.buf[0]

    def raw(self):
        self.i2c.readfrom_mem_into(self.addr, _REG_DATA, self.buf)
        b = self.buf
        p = (b[0] << 12) | (b[1] << 4) | (b[2] >> 4)
        t = (b[3] << 12) | (b[4] << 4) | (b[5] >> 4)
        h = (b[6] << 8) | b[7]
        return t, p, h

    def temperature(self):
        t, _, _ = self.raw()
        var1 = ((t >> 3) - (27504 << 1)) * 26435 >> 11
        var2 = (((t >> 4) - 27504) * ((t >> 4) - 27504) >> 12) * -1000 >> 14
        self.t_fine = var1 + var2
        return ((self.t_fine * 5 + 128) >> 8) / 100

    def pressure(self):
        _, p, _ = self.raw()
        var1 = self.t_fine - 128000
        var2 = var1 * var1 * 7 + ((var1 * 3) << 17)
        if var1 == 0:
            return 0
        return (((1048576 - p) << 31) - var2) * 3125 // (var1 or 1) / 25600


class Button:
    def __init__(self, pin, debounce_ms=30):
        self.pin = Pin(pin, Pin.IN, Pin.PULL_UP)
        self.debounce_ms = debounce_ms
        self.last = 1
        self.t = time.ticks_ms()
        self.presses = 0

    def poll(self):
        v = self.pin.value()
        now = time.ticks_ms()
        if v != self.last and time.ticks_diff(now, self.t) > self.debounce_ms:
            self.t = now
            self.last = v
            if v == 0:
                self.presses += 1
                return True
        return False


class PID:
    def __init__(self, kp, ki, kd, lo=0.0, hi=1.0):
        self.kp, self.ki, self.kd = kp, ki, kd
        self.lo, self.hi = lo, hi
        self.integral = 0.0
        self.prev = None

    def update(self, setpoint, value, dt):
        err = setpoint - value
        self.integral = min(max(self.integral + err * dt, self.lo / (self.ki or 1)), self.hi / (self.ki or 1))
        deriv = 0.0 if self.prev is None else (err - self.prev) / dt
        self.prev = err
        out = self.kp * err + self.ki * self.integral + self.kd * deriv
        return min(max(out, self.lo), self.hi)


class Ring:
    def __init__(self, n):
        self.data = [0.0] * n
        self.n = n
        self.i = 0
        self.full = False

    def push(self, v):
        self.data[self.i] = v
        self.i = (self.i + 1) % self.n
        if self.i == 0:
            self.full = True

    def values(self):
        if self.full:
            return self.data[self.i:] + self.data[:self.i]
        return self.data[:self.i]

    def mean(self):
        v = self.values()
        return sum(v) / len(v) if v else 0.0

    def stats(self):
        v = self.values()
        if not v:
            return {"n": 0}
        return {"n": len(v), "min": min(v), "max": max(v), "mean": self.mean()}


def blink(led, times, ms=50):
    for _ in range(times):
        led.on()
        time.sleep_ms(ms)
        led.off()
        time.sleep_ms(ms)


def log(kind, **fields):
    fields["t"] = time.ticks_ms()
    fields["kind"] = kind
    print(json.dumps(fields))


def main(setpoint=45.0):
    i2c = I2C(0, scl=Pin(5), sda=Pin(4), freq=400_000)
    led = Pin("LED", Pin.OUT)
    heater = PWM(Pin(15), freq=1000)
    button = Button(14)
    pid = PID(0.08, 0.002, 0.4)
    history = Ring(60)
    try:
        sensor = Sensor(i2c)
    except OSError as e:
        log("error", msg=str(e))
        blink(led, 10)
        return
    last = time.ticks_ms()
    modes = ("off", "heat", "hold")
    mode = 1
    while True:
        if button.poll():
            mode = (mode + 1) % len(modes)
            log("mode", mode=modes[mode])
            blink(led, mode + 1)
        now = time.ticks_ms()
        dt = time.ticks_diff(now, last) / 1000
        if dt < 1.0:
            time.sleep_ms(20)
            continue
        last = now
        t = sensor.temperature()
        p = sensor.pressure()
        history.push(t)
        if modes[mode] == "off":
            duty = 0.0
        elif modes[mode] == "heat":
            duty = pid.update(setpoint, t, dt)
        else:
            duty = pid.update(history.mean(), t, dt)
        heater.duty_u16(int(duty * 65535))
        led.value(duty > 0.5)
        log("reading", temp=round(t, 2), pressure=round(p, 1), duty=round(duty, 3),
            mode=modes[mode], **history.stats())


if __name__ == "__main__":
    main()
