"""Ray tracer benchmark for upy.

A small Whitted-style ray tracer written for this repository: a Vec class
with operator overloading (__add__, __sub__, __mul__), spheres and a
checkered plane, one point light with shadows, diffuse + specular shading
and recursive reflections.  Allocates many short-lived objects (GC
pressure) and mixes method calls with float math.  Only + - * / and
math.sqrt are used, so pixel values are bit-identical across IEEE-754
implementations.

Usage: raytrace.py [SIZE]    (default 236: renders SIZE x SIZE pixels)
Prints a checksum of the quantised image and a coarse histogram.
"""

import sys
import math

EPS = 1e-6
MAX_DEPTH = 3


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return math.sqrt(self.dot(self))

    def norm(self):
        inv = 1.0 / self.length()
        return Vec(self.x * inv, self.y * inv, self.z * inv)

    def mul(self, o):
        # Component-wise product (colour filtering).
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.dir = direction

    def at(self, t):
        return self.origin + self.dir * t


class Material:
    def __init__(self, color, diffuse, specular, shininess_pow2, reflect):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shine = shininess_pow2   # specular exponent = 2**shine
        self.reflect = reflect

    def color_at(self, point):
        return self.color


class Checker(Material):
    def __init__(self, c1, c2, diffuse, specular, shine, reflect, size):
        Material.__init__(self, c1, diffuse, specular, shine, reflect)
        self.other = c2
        self.size = size

    def color_at(self, point):
        ix = int((point.x + 1000.0) / self.size)
        iz = int((point.z + 1000.0) / self.size)
        return self.color if (ix + iz) & 1 == 0 else self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.r2 = radius * radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.dir)
        c = oc.dot(oc) - self.r2
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        sq = math.sqrt(disc)
        t = -b - sq
        if t > EPS:
            return t
        t = -b + sq
        if t > EPS:
            return t
        return -1.0

    def normal_at(self, p):
        return (p - self.center).norm()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.norm()
        self.material = material

    def intersect(self, ray):
        denom = self.normal.dot(ray.dir)
        if -EPS < denom < EPS:
            return -1.0
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPS else -1.0

    def normal_at(self, p):
        return self.normal


class Scene:
    def __init__(self):
        self.objects = [
            Plane(Vec(0.0, -1.0, 0.0), Vec(0.0, 1.0, 0.0),
                  Checker(Vec(0.9, 0.9, 0.9), Vec(0.1, 0.1, 0.1), 0.8, 0.2, 3, 0.25, 1.0)),
            Sphere(Vec(0.0, 0.0, 5.0), 1.0, Material(Vec(0.9, 0.2, 0.2), 0.7, 0.5, 4, 0.3)),
            Sphere(Vec(-2.1, -0.2, 6.0), 0.8, Material(Vec(0.2, 0.8, 0.3), 0.8, 0.3, 3, 0.1)),
            Sphere(Vec(2.0, 0.3, 6.5), 1.3, Material(Vec(0.3, 0.4, 0.95), 0.5, 0.8, 5, 0.5)),
            Sphere(Vec(0.6, -0.7, 3.6), 0.3, Material(Vec(0.95, 0.85, 0.2), 0.9, 0.4, 4, 0.0)),
        ]
        self.light = Vec(-4.0, 6.0, -1.0)
        self.light_color = Vec(1.0, 1.0, 1.0)
        self.ambient = 0.08
        self.background = Vec(0.15, 0.2, 0.35)

    def hit(self, ray):
        best_t = -1.0
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t > 0.0 and (best is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, to_light, dist):
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.intersect(ray)
            if 0.0 < t < dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.hit(ray)
        if obj is None:
            return self.background
        p = ray.at(t)
        n = obj.normal_at(p)
        mat = obj.material
        base = mat.color_at(p)
        color = base * self.ambient
        lv = self.light - p
        dist = lv.length()
        l = lv * (1.0 / dist)
        lambert = n.dot(l)
        if lambert > 0.0 and not self.shadowed(p + n * 1e-4, l, dist):
            color = color + base.mul(self.light_color) * (mat.diffuse * lambert)
            # Blinn-Phong highlight; exponent 2**shine via repeated squaring.
            h = (l - ray.dir).norm()
            s = n.dot(h)
            if s > 0.0:
                for _ in range(mat.shine):
                    s = s * s
                color = color + self.light_color * (mat.specular * s)
        if mat.reflect > 0.0 and depth < MAX_DEPTH:
            d = ray.dir
            r = d - n * (2.0 * d.dot(n))
            refl = self.trace(Ray(p + n * 1e-4, r), depth + 1)
            color = color * (1.0 - mat.reflect) + refl * mat.reflect
        return color


def quantise(c):
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0)


def render(size):
    scene = Scene()
    eye = Vec(0.0, 0.6, -1.5)
    checksum = 0
    hist = [0] * 8
    inv = 1.0 / size
    for j in range(size):
        y = 1.0 - 2.0 * (j + 0.5) * inv
        for i in range(size):
            x = -1.0 + 2.0 * (i + 0.5) * inv
            d = Vec(x, y - 0.25, 1.6).norm()
            c = scene.trace(Ray(eye, d), 0)
            r = quantise(c.x)
            g = quantise(c.y)
            b = quantise(c.z)
            checksum = (checksum * 33 + r * 65536 + g * 256 + b) & 0xFFFFFF
            hist[(r + g + b) // 96] += 1
    return checksum, hist


def main():
    argv = getattr(sys, "argv", [])
    size = int(argv[1]) if len(argv) > 1 else 236
    checksum, hist = render(size)
    print("raytrace size={} checksum={} hist={}".format(
        size, checksum, " ".join([str(h) for h in hist])))


main()
