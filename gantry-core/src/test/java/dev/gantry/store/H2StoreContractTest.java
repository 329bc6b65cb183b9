package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file of each test's own, shared by the stores the test opens. */
class H2StoreContractTest extends StoreContract {

    @TempDir
    Path state;

    @Override
    protected Store openStore() throws StoreException {
        return H2Store.open(state);
    }
}
