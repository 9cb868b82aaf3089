package dev.podlab.app.chaos;

import jakarta.ws.rs.InternalServerErrorException;

/** The deliberate HTTP 500 of POST /admin/errors; its message says it was intended. */
class InjectedFailure extends InternalServerErrorException {

    InjectedFailure(int percent) {
        super("injected failure: POST /admin/errors set " + percent + "% of requests to fail");
    }
}
