package io.arscope.ingest;

/** A field value that cannot be accepted: the reason code and a message naming the field and value. */
final class FieldProblem extends RuntimeException {
    final RejectReason reason;
    final String field;

    FieldProblem(RejectReason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }
}
