"""What the first render of a large lead image costs, stored as uploaded and
stored the way uploads are now (cleaned and scaled down, articles/uploads.py).

It draws a 40-megapixel JPEG (7,744 × 5,164, a few hundred KB, as a phone or
a camera makes them), then runs each step in a fresh Python process so each
has its own memory: storing the upload (as it was: the bytes as they came; as
it is: ``clean_image``), and the first ``lead_image_renditions`` of the stored
file, which makes the nine renditions a page shows. It prints wall time and
CPU time (the machine is shared: wall time waits for the CPU too) and the
process's resident memory before the step and at its peak during the step
(Linux: the peak is reset through /proc/self/clear_refs first).

    .venv/bin/python bench/images.py
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (7744, 5164)


def draw_photo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, SIZE[1] * 55 // 100, SIZE[0], SIZE[1]), fill=(30, 100, 150))
    draw.ellipse(
        (SIZE[0] // 10, SIZE[1] // 3, SIZE[0] * 8 // 10, SIZE[1] * 6 // 5), fill=(70, 140, 70)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def reset_peak() -> None:
    """Let the kernel's peak resident memory start again from what is resident now."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(step: str, source: str) -> dict:
    """One step, in this process; returns its figures."""
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    from articles.images import lead_image_renditions
    from articles.models import Article
    from articles.uploads import clean_image

    data = Path(source).read_bytes() if step != "render" else b""
    reset_peak()
    before, started, cpu = peak_mib(), time.perf_counter(), cpu_seconds()
    if step == "store-raw":
        name = default_storage.save("articles/raw.jpg", ContentFile(data))
    elif step == "store-clean":
        cleaned, _ = clean_image(ContentFile(data, name="upload.jpg"))
        name = default_storage.save("articles/clean.jpg", cleaned)
    else:
        name = source
        with default_storage.open(name) as handle, Image.open(handle) as image:
            width, height = image.size
        article = Article(pk=1, lead_image=name, lead_image_width=width, lead_image_height=height)
        made = lead_image_renditions(article)
        assert sum(len(rendition_set.renditions) for rendition_set in made.values()) == 9
    return {
        "name": name,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": cpu_seconds() - cpu,
        "peak_before_mib": before,
        "peak_mib": peak_mib(),
        "bytes": default_storage.size(name),
    }


def run(step: str, source: str, env: dict) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", step, source],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("STEP", "SOURCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "1",
            "MEDIA_ROOT": scratch,
            "REDIS_URL": "",
            "PYTHONPATH": str(ROOT),
        }
        source = Path(scratch) / "photo-40mp.jpg"
        source.write_bytes(draw_photo())
        print(f"source: {SIZE[0]}×{SIZE[1]} JPEG, {source.stat().st_size / 1024:,.0f} KB")
        print(
            f"{'stored as':<10} {'step':<13} {'wall s':>7} {'CPU s':>6} "
            f"{'MiB before':>11} {'MiB peak':>9} {'source KB':>10}"
        )
        for label, store in (("uploaded", "store-raw"), ("cleaned", "store-clean")):
            stored = run(store, str(source), env)
            rendered = run("render", stored["name"], env)
            for step, figures in (("upload", stored), ("first render", rendered)):
                print(
                    f"{label:<10} {step:<13} {figures['seconds']:>7.2f} "
                    f"{figures['cpu_seconds']:>6.2f} {figures['peak_before_mib']:>11.0f} "
                    f"{figures['peak_mib']:>9.0f} {figures['bytes'] / 1024:>10,.0f}"
                )


if __name__ == "__main__":
    main()
