#!/usr/bin/env python3
"""Writes one container image as an OCI image-layout archive that `ctr images import` reads, without Docker or a
registry: one uncompressed layer made from a spec, a config, a manifest for linux/amd64 and an index naming the image
(annotation io.containerd.image.name). Deterministic: files sorted, mtimes 0, owners from the spec.

  oci_image.py SPEC.json OUT.tar

SPEC: {"name": "quay.io/x/y:v1", "architecture": "amd64" (the default), "entrypoint": [...], "cmd": [...], "env": [...], "user": "65534",
       "workdir": "/", "files": [{"path": "bin/x", "src": "/host/file" | "text": "...", "mode": 493,
       "uid": 0, "gid": 0} | {"path": "tmp", "dir": true, "mode": 1023}] | {"path": "lib", "symlink": "usr/lib"}}
"""
import hashlib, io, json, os, sys, tarfile

def layer(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        dirs = set()
        for f in files:
            parts = f["path"].strip("/").split("/")
            for i in range(1, len(parts)):
                dirs.add("/".join(parts[:i]))
        explicit = {f["path"].strip("/") for f in files if f.get("dir")}
        entries = [{"path": d, "dir": True, "mode": 0o755} for d in sorted(dirs - explicit)] + list(files)
        for f in sorted(entries, key=lambda e: e["path"].strip("/")):
            info = tarfile.TarInfo(f["path"].strip("/"))
            info.mtime = 0
            info.uid, info.gid = f.get("uid", 0), f.get("gid", 0)
            info.mode = f.get("mode", 0o644)
            if f.get("dir"):
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif "symlink" in f:
                info.type = tarfile.SYMTYPE
                info.linkname = f["symlink"]
                tar.addfile(info)
            else:
                data = f["text"].encode() if "text" in f else open(f["src"], "rb").read()
                info.size = len(data)
                if "src" in f and "mode" not in f:
                    info.mode = os.stat(f["src"]).st_mode & 0o7777
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()

def blob(out, data, media):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    info = tarfile.TarInfo("blobs/sha256/" + digest[7:])
    info.size, info.mtime, info.mode = len(data), 0, 0o644
    out.addfile(info, io.BytesIO(data))
    return {"mediaType": media, "digest": digest, "size": len(data)}

def main(spec_path, out_path):
    spec = json.load(open(spec_path))
    tar_bytes = layer(spec["files"])
    diff_id = "sha256:" + hashlib.sha256(tar_bytes).hexdigest()
    arch = spec.get("architecture", "amd64")
    config = {"architecture": arch, "os": "linux",
              "config": {k: v for k, v in {"Entrypoint": spec.get("entrypoint"), "Cmd": spec.get("cmd"),
                         "Env": spec.get("env", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]),
                         "User": spec.get("user", ""), "WorkingDir": spec.get("workdir", "/")}.items() if v is not None},
              "rootfs": {"type": "layers", "diff_ids": [diff_id]},
              "history": [{"created_by": "lab/build-images.sh " + os.path.basename(spec_path)}]}
    tmp = out_path + ".tmp"
    with tarfile.open(tmp, "w") as out:
        cfg = blob(out, json.dumps(config, sort_keys=True).encode(), "application/vnd.oci.image.config.v1+json")
        lay = blob(out, tar_bytes, "application/vnd.oci.image.layer.v1.tar")
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": cfg, "layers": [lay]}
        man = blob(out, json.dumps(manifest, sort_keys=True).encode(), "application/vnd.oci.image.manifest.v1+json")
        man["platform"] = {"architecture": arch, "os": "linux"}
        man["annotations"] = {"io.containerd.image.name": spec["name"],
                              "org.opencontainers.image.ref.name": spec["name"].rsplit(":", 1)[1]}
        for name, data in (("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'),
                           ("index.json", json.dumps({"schemaVersion": 2, "manifests": [man]}, sort_keys=True).encode())):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            out.addfile(info, io.BytesIO(data))
    os.replace(tmp, out_path)
    print(f"{spec['name']} {man['digest']} {len(tar_bytes) // (1024 * 1024)} MiB")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
