package io.arscope.worklist;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a small file a person writes for the worklist (a draft template, the collectors file): strict UTF-8,
 * so that text saved in another encoding is refused rather than read as wrong letters, without a leading
 * byte-order mark, which editors on Windows add.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    /** @throws CharacterCodingException when the bytes are not UTF-8 */
    static String of(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
