-- CreateIndex
CREATE UNIQUE INDEX "UserStripeConnect_connectedAccountId_key" ON "UserStripeConnect"("connectedAccountId");
