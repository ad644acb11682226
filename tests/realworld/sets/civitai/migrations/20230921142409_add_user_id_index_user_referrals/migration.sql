-- CreateIndex
CREATE INDEX "UserReferralCode_userId_idx" ON "UserReferralCode" USING HASH ("userId");
