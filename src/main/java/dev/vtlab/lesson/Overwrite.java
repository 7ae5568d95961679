package dev.vtlab.lesson;

import dev.vtlab.sync.Version;

/**
 * A lost update, named: {@code lost} was stored and then overwritten by {@code by}, whose writer had read an older
 * version and so never saw {@code lost}.
 */
public record Overwrite(Version lost, Version by) {

    public Overwrite {
        if (by.number() <= lost.number() || by.basedOn() >= lost.number()) {
            throw new IllegalArgumentException(by + " did not overwrite " + lost + " unseen");
        }
    }
}
