package org.ebmworkbench.engine.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module whose forward is {@code torch.autograd.grad([y], [x], [ones_like(y)], retain_graph=True,
 * create_graph=True)[0]}: the one autograd call DJL 0.32 does not expose. Written here as TorchScript source in a
 * minimal archive (code, a pickled module object, an empty constants table, format version 3) and compiled by
 * libtorch when loaded, so no binary file ships with the engine. The module holds no tensors, so one instance,
 * loaded for the CPU, serves inputs on any device. Loaded once, on first use, and never closed.
 */
final class TorchScriptGrad {
    private TorchScriptGrad() {}

    /** TorchScript source as libtorch's serializer prints it (2-space indents, typed self). */
    private static final String SOURCE = String.join("\n",
            "class InputGrad(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__.InputGrad,",
            "    y: Tensor,",
            "    x: Tensor) -> Tensor:",
            "    _0 = torch.autograd.grad([y], [x], annotate(List[Optional[Tensor]], [torch.ones_like(y)]), True, True)",
            "    return unchecked_cast(Tensor, _0[0])",
            "");

    private static final class Holder {
        static final PtSymbolBlock BLOCK = load();
    }

    static PtSymbolBlock block() {
        return Holder.BLOCK;
    }

    private static PtSymbolBlock load() {
        Engine.getInstance(); // loads the native library
        try {
            long handle = JniUtils.loadModuleHandle(new ByteArrayInputStream(archive()), Device.cpu(), false, false);
            return new PtSymbolBlock((PtNDManager) NDManager.newBaseManager(Device.cpu()), handle);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the TorchScript autograd.grad module", e);
        }
    }

    private static byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "archive/data.pkl", moduleObject());
            put(zip, "archive/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
            put(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // pickle of ()
            put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /** Pickle (protocol 2) of an {@code __torch__.InputGrad} object whose only attribute is training = True. */
    private static byte[] moduleObject() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x80, 2});                                   // PROTO 2
        b.write("c__torch__\nInputGrad\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        b.write(')');                                                            // EMPTY_TUPLE
        b.write(0x81);                                                           // NEWOBJ
        b.write('}');                                                            // EMPTY_DICT
        b.write('(');                                                            // MARK
        byte[] name = "training".getBytes(StandardCharsets.UTF_8);
        b.write('X');                                                            // BINUNICODE
        b.write(new byte[] {(byte) name.length, 0, 0, 0});
        b.write(name);
        b.write(0x88);                                                           // NEWTRUE
        b.write('u');                                                            // SETITEMS
        b.write('b');                                                            // BUILD
        b.write('.');                                                            // STOP
        return b.toByteArray();
    }

    /** Stored (uncompressed) entries, as torch.jit.save writes them. */
    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
